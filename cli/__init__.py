"""The headless front end beside gui/: one argparse tree (cli.parser) for every command, one dispatch (cli.dispatch),
and one failure mapping (models.core.failures.command_failure) through cli.guard. Each command module holds the
commands of one capability; they call the same domain operations and report jobs as the window."""
