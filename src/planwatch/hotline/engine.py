"""The two engines behind the hotline's queries: DuckDB (embedded, the default) and Apache Spark.

Queries are written once, in DuckDB's SQL over a view named ``tickets``; the Spark engine transpiles
them to Spark SQL with SQLGlot (docs/decisions.md, "Hotline queries: one SQL, transpiled"). Engines
return only whole numbers, codes, names and dates: every ratio and rounding is done afterwards in
Python with ``Decimal``, so both engines give the same figures to the last digit.

Spark is used when ``--engine spark`` is asked for or a master is configured
(``PLANWATCH_SPARK_MASTER``, e.g. ``spark://host:7077``; ``local[2]`` runs in this process's JVM).
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from .errors import HotlineError
from .source import TicketSource

SPARK_MASTER_ENV = "PLANWATCH_SPARK_MASTER"


class Engine(Protocol):
    name: str

    def query(self, sql: str) -> list[tuple[Any, ...]]: ...

    def close(self) -> None: ...


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, source: TicketSource, threads: int | None = None, in_memory: bool = False) -> None:
        """``in_memory``: copy the tickets into a DuckDB table first (a load, then faster queries);
        otherwise every query reads the Parquet files in place."""
        import duckdb

        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if source.table is not None:
            self.con.register("tickets_table", source.table)
            origin = "tickets_table"
        else:
            files = [str(f) for f in source.files]
            origin = f"read_parquet({files!r}, union_by_name = true)"
        kind = "TABLE" if in_memory else "VIEW"
        self.con.execute(f"CREATE {kind} tickets AS SELECT * FROM {origin}")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.con.execute(sql).fetchall()]

    def close(self) -> None:
        self.con.close()


_SPARK: dict[str, Any] = {}


def spark_session(master: str) -> Any:
    """One Spark session per process (starting a JVM takes seconds), made on first use."""
    from pyspark.sql import SparkSession

    if master not in _SPARK:
        for other in list(_SPARK):
            _SPARK.pop(other).stop()
        builder = (SparkSession.builder.master(master).appName("planwatch-hotline")
                   .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.sql.shuffle.partitions",
                           os.environ.get("PLANWATCH_SPARK_PARTITIONS", "2" if master.startswith("local") else "64"))
                   .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                   .config("spark.driver.memory", os.environ.get("PLANWATCH_SPARK_DRIVER_MEMORY", "2g")))
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
        _SPARK[master] = session
    return _SPARK[master]


def to_spark_sql(sql: str) -> str:
    import sqlglot

    return sqlglot.transpile(sql, read="duckdb", write="spark")[0]


class SparkEngine:
    name = "spark"

    def __init__(self, source: TicketSource, master: str) -> None:
        self.spark = spark_session(master)
        if source.table is not None:
            frame = self.spark.createDataFrame(source.table.to_pandas() if _old_spark() else source.table)
        else:
            frame = self.spark.read.parquet(*[str(f) for f in source.files])
        frame.createOrReplaceTempView("tickets")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.spark.sql(to_spark_sql(sql)).collect()]

    def close(self) -> None:
        self.spark.catalog.dropTempView("tickets")


def _old_spark() -> bool:
    import pyspark

    return int(pyspark.__version__.split(".")[0]) < 4


def open_engine(source: TicketSource, name: str | None = None, master: str | None = None) -> Engine:
    """``name`` duckdb or spark; by default Spark when a master is configured, else DuckDB."""
    master = master or os.environ.get(SPARK_MASTER_ENV) or None
    name = name or ("spark" if master else "duckdb")
    if name == "duckdb":
        return DuckDBEngine(source)
    if name == "spark":
        try:
            import pyspark  # noqa: F401
        except ImportError as exc:
            raise HotlineError("Spark 引擎需要 pyspark(pip install 'planwatch[spark]')/ "
                               "the Spark engine needs pyspark (pip install 'planwatch[spark]')") from exc
        return SparkEngine(source, master or "local[2]")
    raise HotlineError(f"未知引擎 {name!r}(可用 duckdb、spark)/ unknown engine {name!r} (use duckdb or spark)")
