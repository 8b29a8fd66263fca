"""Official documents built from plain dataclasses: Word (Nghị định 30/2020, Hướng dẫn
36-HD/VPTW) and the Excel appendix. No database access here."""
