"""The applicant's path (phát triển đảng viên): the register of applicants, the checks before the branch votes,
admission, the ceremony into the roster and recognition as an official member (docs/domain.md §6)."""
