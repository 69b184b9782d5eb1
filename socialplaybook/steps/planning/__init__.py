"""Step 2, planning: goals tied to business results, the audience, who answers, and a
timeline.

The articles' first complaint is posting now and then with no plan: no specific goals,
no way to measure them, nobody but marketing answering, no resources assigned. This
package holds the planning section of the Plan (``section.py``) and the checks the app
shows beside it, a file per part.

The models refuse only data that cannot be right (a negative number, an unknown RACI
letter, more than five goals). Anything a team may still be typing (a goal without a
metric, a milestone that ends before it starts) is stored, and the checks say what is
missing. Every check returns a :class:`Check` with a one-line ``why``.

The rules and their constants:

* goals: specific and measurable, tied to a business result, achievable against the
  team's own stated assumptions, time-bound (``goals.py``);
* RACI: exactly one Accountable per activity; questions and complaints each have a
  Responsible department other than marketing; some department beyond marketing is
  Responsible for something;
* timeline: no milestone ends before it starts; dependencies exist and form no cycle;
  milestones lie inside the plan's horizon when it has a start date;
* resources: every department Responsible for an activity has hours per week.
"""
