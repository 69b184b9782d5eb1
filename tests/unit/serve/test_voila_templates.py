"""Page templates are compiled once per server, and again when a template file changes."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader

from socialplaybook.serve.voila_app import (
    TEMPLATE_BYTECODE,
    CompiledOnceExporter,
    TemplateBytecode,
)


def test_every_page_exporter_shares_the_compiled_templates():
    first, second = CompiledOnceExporter(), CompiledOnceExporter()
    assert first.environment is not second.environment  # Voila makes one per page
    assert first.environment.bytecode_cache is TEMPLATE_BYTECODE
    assert second.environment.bytecode_cache is TEMPLATE_BYTECODE


def test_a_template_is_compiled_once_for_many_environments(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    cache = TemplateBytecode()
    compiled = []
    original = Environment.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counting)
    for name in ("Ann", "Bo", "Cy"):
        environment = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
        assert environment.get_template("page.html").render(name=name) == f"Hello {name}"
    assert len(compiled) == 1


def test_a_changed_template_is_compiled_again(tmp_path):
    template = tmp_path / "page.html"
    template.write_text("Hello {{ name }}", encoding="utf-8")
    cache = TemplateBytecode()
    environment = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert environment.get_template("page.html").render(name="Ann") == "Hello Ann"
    template.write_text("Welcome {{ name }}", encoding="utf-8")
    environment = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert environment.get_template("page.html").render(name="Ann") == "Welcome Ann"
