"""The branch meeting between congresses: its attendance and base D, the branch's votes on a member question with
their thresholds (docs/domain.md §6), appointments by the higher committee and the branch's current leadership.

May import: models.core, models.roster, models.counting, models.congress and models.live_count (a secret-ballot vote
and a by-election are counted in the «Bầu cử» tab). Never imports Qt, gui/, reports/ or services/.
"""
