#!/usr/bin/env python
"""Django's command-line utility for Dateline."""

from dateline.cli import main

if __name__ == "__main__":
    main()
