"""The «Phát triển Đảng» tab: the register of applicants and the path to admission and recognition."""
