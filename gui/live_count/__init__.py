"""The «Bầu cử» tab: live ballot entry, the tally, the entry log, the record files and the projector."""
