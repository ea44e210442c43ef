"""The live count of a ballot round: an append-only entry log in the database, each entry one transaction and a
link of a SHA-256 chain, from which the running tally is rebuilt (models.counting does the counting)."""

from models.live_count import seal as _seal

_seal.register()
