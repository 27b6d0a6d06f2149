"""The console's export in a process of its own: `python -m kiosk.exportjob`, started by the box
(`export.export_box`, `export.zip_box`), never by a person.

The box copies its data under the store's lock and hands it over on this process's stdin, as a
pickle (the box's own code in the box's own interpreter wrote it). This process first lowers its
priority (`NICE`), then reads the job, renders the bundle (`export.build`) and writes it: onto the
stick through the hidden folder renamed once complete (`export.write_bundle`), or as a zip into
the file the box passed it (`export.write_zip`). Its one answer, on stdout, is a pickle:
`("ok", path or folder name)`, or `("refused", code, message, values)`: the refusal the box
raises again as a `KioskError`, in the user's language.

So the rendering's CPU, its hold on an interpreter and its memory are this process's, not the box's:
the room is answered all along, and the memory goes back to the system when the export ends.
Kept light at import: the priority drops before anything heavy is imported.
"""

from __future__ import annotations

import os
import pickle
import sys

#: How much lower than the box this process runs (`os.nice`): the room goes first.
NICE = 10


def main() -> int:
    os.nice(NICE)
    job = pickle.load(sys.stdin.buffer)
    from . import export
    from .errors import KioskError

    try:
        answer = ("ok", export.run_job(job))
    except KioskError as error:
        answer = ("refused", error.code, error.message, error.values)
    except Exception as exc:  # what the code did not foresee (the XLSX writer's "File too large"…): one line
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        answer = ("refused", "export_failed", export.MESSAGES["export_failed"], {"reason": reason})
    pickle.dump(answer, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
