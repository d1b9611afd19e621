"""`pydock stats`: the pure parts (arithmetic, view rows, sorting, sparklines) and the collector.

calc.py    docker's numbers from one stats payload (cgroup v1 and v2), no I/O
view.py    StatsView: the template fields docker's stats context offers (`.CPUPerc`, `.MemUsage`, ...)
order.py   --sort, --interval/--count validation, sparklines, the history ring
collect.py one stream per container on a thread, the events stream; the only module here doing I/O
"""
