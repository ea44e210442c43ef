"""The papers of the applicant's path: the branch's resolutions proposing admission (6-KNĐ) and recognition
(13-KNĐ), written from plain data."""
