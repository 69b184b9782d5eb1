() => {
  const out = [];
  const sel = '.widget-label, .widget-label-basic, .widget-button, button, .lm-TabBar-tabLabel, .p-TabBar-tabLabel, .widget-toggle-button, th, td, .sp-tag, .widget-checkbox label, .widget-inline-hbox label, h1, h2, h3, h4, a';
  for (const el of document.querySelectorAll(sel)) {
    if (!el.offsetParent || !el.textContent.trim() || el.clientWidth <= 1) continue;
    const cs = getComputedStyle(el);
    const clipsX = ['hidden', 'clip'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis';
    if (el.scrollWidth > el.clientWidth + 1 && (clipsX || el.tagName === 'TD' || el.tagName === 'TH')) {
      out.push(`${el.tagName}.${el.className}: "${el.textContent.trim().slice(0, 60)}" ${el.scrollWidth}>${el.clientWidth}`);
    }
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) out.push(`page ${doc.scrollWidth}>${window.innerWidth}`);
  return out;
}
