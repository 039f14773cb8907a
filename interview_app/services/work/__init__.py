"""Work that outlives its worker: sweeps that resume abandoned background work.

`resumption` runs transcript copies, then feedback generations, that a dead or stopped
worker left owed.
"""
