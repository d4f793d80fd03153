#!/usr/bin/env python3
"""pg_ctl for the tests' throw-away PostgreSQL cluster, run as an unprivileged user.

PostgreSQL refuses to run as root (CI runs as root). pytest-postgresql calls
this script wherever it would call pg_ctl; as root it drops to the user
named by ``TTHC_PG_USER`` (``postgres`` by default) and runs the real pg_ctl
(``TTHC_PG_CTL``) with the same arguments. Run as any other user, it only
runs pg_ctl.
"""

from __future__ import annotations

import os
import pwd
import sys


def main() -> None:
    pg_ctl = os.environ["TTHC_PG_CTL"]
    if os.geteuid() == 0:
        user = pwd.getpwnam(os.environ.get("TTHC_PG_USER", "postgres"))
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
        os.environ["HOME"] = user.pw_dir if os.path.isdir(user.pw_dir) else "/tmp"
        os.environ["USER"] = os.environ["LOGNAME"] = user.pw_name
        os.chdir("/")  # the caller's folder may be closed to this user
    os.execv(pg_ctl, [pg_ctl, *sys.argv[1:]])


if __name__ == "__main__":
    main()
