// The apps show no formulas: "$5 to $10" stays as typed. JupyterLab's MathJax 2 typesetter
// loads this instead of MathJax (social-playbook's template points fullMathjaxUrl here),
// so a page no longer fetches and runs MathJax 3's 880 kB on every open.
window.MathJax = {
  Hub: {
    Config() {},
    Configured() {},
    Queue() {},
    Register: { StartupHook() {} },
  },
  InputJax: { TeX: { resetEquationNumbers() {} } },
};
