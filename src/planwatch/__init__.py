"""planwatch: 计划执行监测."""

__version__ = "0.1.0"
