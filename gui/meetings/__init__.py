"""The «Hội nghị chi bộ» tab: the branch's meetings between congresses, their attendance and D, the votes the branch
takes, and its current leadership with the higher committee's appointments (models.meetings)."""
