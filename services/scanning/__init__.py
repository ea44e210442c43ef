"""Scanned ballots: the round's printed ballots made to be read (PDF) and the round a scanned stack is read for."""
