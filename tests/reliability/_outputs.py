"""Child process for the determinism tests: run CLI commands one after another in this
process and print each one's output to the real stdout (so the locale's encoding applies),
framed by NUL-led marker lines. ``python _outputs.py COMMANDS_JSON``.

Besides real commands, three controls print what must differ between environments:
``x-hash-order`` (set iteration order: PYTHONHASHSEED), ``x-local-time`` (TZ) and
``x-codeset`` (LC_ALL).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _control(name: str) -> None:
    if name == "x-hash-order":
        print(list({f"key-{i}" for i in range(32)}))
    elif name == "x-local-time":
        import time

        print(time.strftime("%Y-%m-%d %H:%M", time.localtime(0)))
    elif name == "x-codeset":
        import locale

        locale.setlocale(locale.LC_ALL, "")
        print(locale.nl_langinfo(locale.CODESET))


def main() -> None:
    from compare.cli import cli

    out = sys.stdout.buffer
    for args in json.loads(Path(sys.argv[1]).read_text()):
        sys.stdout.flush()
        out.write(("\0== " + " ".join(args) + "\n").encode())
        out.flush()
        if args[0].startswith("x-"):
            _control(args[0])
            code = 0
        else:
            try:
                cli.main(args, prog_name="inspdiff", standalone_mode=True)
            except SystemExit as exit_:
                code = exit_.code
        sys.stdout.flush()
        sys.stderr.flush()
        out.write(f"\0exit {code}\n".encode())
        out.flush()


if __name__ == "__main__":
    main()
