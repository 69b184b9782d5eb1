"""The team's own view of one platform in the platforms app: its editor (the team's values
over the toolkit's, and its own reach estimate where the data has no figure), opened from
"Choose a platform…" and kept in step with the ranking."""

from __future__ import annotations

from socialplaybook.rules.i18n import _
from socialplaybook.steps.platforms.inputs import JUDGEMENT_FIELDS, team_profiles
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.section import PlatformJudgement, ReachEstimate
from widgets.platforms.editors import PlatformEditor
from widgets.platforms.estimate import ReachEstimateEditor, with_estimate


class PlatformViews:
    """For the platforms app (a StepApp with ``_profiles``, ``_ranking``, ``_view_pick``,
    ``_rank_message`` and the editor slot): the editor of one platform."""

    def _profile(self, pid: str) -> PlatformProfile | None:
        return next((p for p in self._profiles if p.id == pid), None)

    def _judgement(self, pid: str) -> PlatformJudgement | None:
        return next((j for j in self.section.judgements if j.id == pid), None)

    def make_editor(self, pid: str) -> PlatformEditor | None:
        profile = self._profile(pid)
        if profile is None:
            return None
        data = team_profiles(self.section.model_copy(update={"judgements": []}))
        base = next((p for p in data if p.id == pid and p.in_data), None)
        estimate = ReachEstimateEditor(pid, profile.platform, self._estimate(pid),
                                       lambda given: self._on_estimate(pid, given),
                                       self.locale)
        return PlatformEditor(profile, base, self._judgement(pid), self._on_judgement,
                              self._on_reset_judgement, lambda _editor: self._close_editor(),
                              self.locale, estimate_editor=estimate)

    def _estimate(self, pid: str) -> ReachEstimate | None:
        return next((e for e in self.section.reach_estimates if e.id == pid), None)

    def _on_estimate(self, pid: str, estimate: ReachEstimate | None) -> bool:
        """Store the team's reach estimate of a platform (None: remove it)."""
        if self.busy():
            return False
        if estimate == self._estimate(pid):
            return True
        return self.replace(reach_estimates=with_estimate(self.section.reach_estimates,
                                                          pid, estimate))

    def _on_judgement(self, judgement: PlatformJudgement) -> bool:
        if self.busy():
            return False
        empty = all(getattr(judgement, name) is None for name in JUDGEMENT_FIELDS)
        judgements = [j for j in self.section.judgements if j.id != judgement.id]
        if not empty:
            index = next((i for i, j in enumerate(self.section.judgements)
                          if j.id == judgement.id), len(judgements))
            judgements.insert(index, judgement)
        return self.replace(judgements=judgements)

    def _on_reset_judgement(self, editor: PlatformEditor) -> None:
        if self.busy():
            return
        pid = editor.platform_id
        if self.replace(judgements=[j for j in self.section.judgements if j.id != pid]):
            profile = self._profile(pid)
            if profile is not None and self._editor is editor:
                editor.show_values(profile, None, force=True)

    def update_editor(self, editor: PlatformEditor) -> bool:
        """The platform's place in the ranking and the team's values, in its editor."""
        profile = self._profile(editor.platform_id)
        if profile is None:
            return False
        ranking = self._ranking
        scores = list(ranking.scores) if ranking else []
        index = next((i for i, s in enumerate(scores) if s.id == profile.id), None)
        rankable = ranking is not None and ranking.rankable and self._rank_message.value == ""
        editor.show_result(profile, index + 1 if rankable and index is not None else None,
                           len(scores), scores[index].score if index is not None else None)
        editor.show_values(profile, self._judgement(profile.id))
        if isinstance(editor.estimate_editor, ReachEstimateEditor):
            reach = scores[index].criterion("reach") if index is not None else None
            editor.estimate_editor.show(self._estimate(profile.id), reach)
        return True

    def _draw_view_pick(self) -> None:
        options = [(_("Choose a platform…"), "")]
        for p in self._profiles:
            mark = (_(" (no data)") if not p.in_data else "") + (
                _(" (your values)") if p.edited else "")
            options.append((p.platform + mark, p.id))
        if list(self._view_pick.options) == options:
            return
        value = self._view_pick.value
        with self.quietly():
            self._view_pick.options = options
            self._view_pick.value = value if value in [v for _l, v in options] else ""
