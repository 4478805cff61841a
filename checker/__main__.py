"""`python -m checker`: the same as the `checker` command."""

from checker.cli import app

app(prog_name="checker")
