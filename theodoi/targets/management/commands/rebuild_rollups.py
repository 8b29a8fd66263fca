import time

from django.core.management.base import BaseCommand

from theodoi.targets import rollups


class Command(BaseCommand):
    help = (
        "Rebuild the analytics rollup (resolved values of quarters, halves and years at units "
        "with child units)."
    )

    def handle(self, *args, **options):
        t = time.perf_counter()
        log = self.stdout.write if options["verbosity"] > 1 else None
        n = rollups.rebuild(log=log)
        if options["verbosity"] > 0:
            self.stdout.write(f"rollup: {n:,} rows in {time.perf_counter() - t:.1f} s")
