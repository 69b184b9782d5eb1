from socialplaybook.steps import workshop_steps
from widgets.start import StartHere, steps_map_html


def test_map_links_built_apps_and_marks_the_rest_coming():
    html = steps_map_html()
    for step in workshop_steps():
        assert step.title in html
        if step.available:
            assert f'href="{step.notebook}"' in html
        else:
            assert f'href="{step.notebook}' not in html
    assert html.count("coming") == sum(not s.available for s in workshop_steps())


def test_choosing_a_team_puts_it_in_the_links(workspace):
    workspace.create_team("Acme Bakery")
    page = StartHere(workspace)
    page.picker.select("Acme Bakery")
    assert "01-myth-audit.ipynb?team=Acme+Bakery" in page._steps.value
    assert "Acme Bakery" in page._chosen.value
