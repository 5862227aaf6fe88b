"""The scale path, tested: `redflag scan --jsonl` as a Spark `pipe` stage gives the direct run's
reports, record by record.

    python tests/scale/spark_pipe.py --redflag target/release/redflag --work target/scale

1. Writes --work/input.jsonl: the project's own records (tests/corpus/*.jsonl and
   tests/cases/dev.jsonl) repeated --copies times, each record of each copy with its own id.
2. Runs `redflag scan --jsonl` on it directly (--work/direct.jsonl).
3. Runs a Spark job in local mode (--master, local[2] by default) that reads the file in
   --partitions pieces, pipes every piece through `redflag scan --jsonl` and saves the result
   (--work/spark/part-*).
4. Compares: as many reports as records, every id once, and each Spark report equal as JSON to
   the direct one with the same id. Any difference is printed and the exit code is 1.

Before step 3 the comparison is checked on outputs broken on purpose (a report changed, one
missing, one twice), so a comparison that could not fail does not pass. `make test-scale`
installs pyspark and a JRE where missing and runs this.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "tests" / "corpus").glob("*.jsonl")) + [ROOT / "tests" / "cases" / "dev.jsonl"]


def write_input(path, copies):
    """The source records, `copies` times over, ids `<folder>/<file>/<id>#<copy>`; returns the ids."""
    records = []
    for source in SOURCES:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                # Two files may use the same id: the file's name makes it unique.
                record["id"] = f"{source.parent.name}/{source.stem}/{record.get('id', number)}"
                records.append(record)
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for copy in range(1, copies + 1):
            for record in records:
                record = dict(record, id=f"{record['id']}#{copy}")
                ids.append(record["id"])
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    duplicates = len(ids) - len(set(ids))
    if duplicates:
        sys.exit(f"test-scale: the input has {duplicates} duplicate id(s); the sources repeat an id")
    return ids


def compare(ids, direct_lines, spark_lines):
    """Every way the Spark output differs from the direct one; empty when they are the same."""
    problems = []

    def by_id(lines, name):
        reports = {}
        for line in lines:
            report = json.loads(line)
            key = report.get("id")
            if key in reports:
                problems.append(f"{name}: id {key!r} is reported twice")
            reports[key] = report
        return reports

    direct = by_id(direct_lines, "direct run")
    spark = by_id(spark_lines, "Spark job")
    for name, lines in (("direct run", direct_lines), ("Spark job", spark_lines)):
        if len(lines) != len(ids):
            problems.append(f"{name}: {len(lines)} reports for {len(ids)} records")
    for key in ids:
        if key not in direct:
            problems.append(f"direct run: no report for id {key!r}")
        if key not in spark:
            problems.append(f"Spark job: no report for id {key!r}")
        elif key in direct and spark[key] != direct[key]:
            problems.append(
                f"id {key!r}: the reports differ\n  direct: {json.dumps(direct[key], sort_keys=True)[:400]}"
                f"\n  Spark:  {json.dumps(spark[key], sort_keys=True)[:400]}"
            )
    for key in sorted(set(spark) - set(ids), key=str):
        problems.append(f"Spark job: a report for id {key!r}, which is no input record")
    return problems


def check_compare_fails(ids, direct_lines):
    """The comparison must catch a changed report, a missing one and a doubled one."""
    changed = json.loads(direct_lines[len(direct_lines) // 2])
    changed["risk"] = "high" if changed.get("risk") != "high" else "none"
    broken = {
        "one report changed": direct_lines[: len(direct_lines) // 2]
        + [json.dumps(changed)]
        + direct_lines[len(direct_lines) // 2 + 1 :],
        "one report missing": direct_lines[1:],
        "one report twice": direct_lines + direct_lines[:1],
    }
    if compare(ids, direct_lines, list(direct_lines)):
        sys.exit("test-scale: the comparison finds differences between the direct run and itself")
    for what, lines in broken.items():
        if not compare(ids, direct_lines, lines):
            sys.exit(f"test-scale: the comparison misses a broken output ({what})")


def spark_run(redflag, input_path, output_dir, master, partitions, work):
    # Spark binds to loopback only, and says nothing of which other address it could use.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("redflag-scale-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", str(work / "spark-tmp"))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    try:
        lines = spark.sparkContext.textFile(str(input_path), minPartitions=partitions)
        pieces = lines.getNumPartitions()
        # checkCode: a redflag that exits non-zero (a line it could not read) fails the job.
        reports = lines.pipe(f"{redflag} scan --jsonl", checkCode=True)
        reports.saveAsTextFile(str(output_dir))
    finally:
        spark.stop()
    return pieces


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redflag", default=str(ROOT / "target" / "release" / "redflag"))
    parser.add_argument("--work", default=str(ROOT / "target" / "scale"))
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()

    built = Path(args.redflag).resolve()
    if not built.is_file():
        sys.exit(f"test-scale: {built} is missing (cargo build --release)")
    work = Path(args.work).resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    # Both runs use one copy of the binary, as a cluster job ships one (--files redflag): a
    # rebuild in the meantime cannot make them differ.
    redflag = work / "redflag"
    shutil.copy2(built, redflag)
    input_path, direct_path, output_dir = work / "input.jsonl", work / "direct.jsonl", work / "spark"

    ids = write_input(input_path, args.copies)
    print(f"test-scale: {len(ids)} records ({args.copies} copies of {len(ids) // args.copies}) in {input_path}")

    started = time.monotonic()
    with direct_path.open("w", encoding="utf-8") as out:
        subprocess.run([str(redflag), "scan", "--jsonl", str(input_path)], stdout=out, check=True)
    direct_lines = direct_path.read_text(encoding="utf-8").splitlines()
    print(f"test-scale: direct run: {len(direct_lines)} reports in {time.monotonic() - started:.1f} s")

    check_compare_fails(ids, direct_lines)

    started = time.monotonic()
    try:
        pieces = spark_run(redflag, input_path, output_dir, args.master, args.partitions, work)
    except Exception as error:  # py4j's and pyspark's errors: the job did not finish
        first = next((line for line in str(error).splitlines() if line.strip()), type(error).__name__)
        print(f"test-scale: FAILED: the Spark job did not finish: {first[:400]}", file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(1)
    spark_lines = []
    for part in sorted(output_dir.glob("part-*")):
        spark_lines += part.read_text(encoding="utf-8").splitlines()
    print(
        f"test-scale: Spark job ({args.master}, {pieces} partitions, rdd.pipe): "
        f"{len(spark_lines)} reports in {time.monotonic() - started:.1f} s"
    )

    problems = compare(ids, direct_lines, spark_lines)
    if problems:
        for problem in problems[:20]:
            print(f"test-scale: {problem}", file=sys.stderr)
        if len(problems) > 20:
            print(f"test-scale: ... and {len(problems) - 20} more", file=sys.stderr)
        print(f"test-scale: FAILED: the Spark pipe stage differs from the direct run ({len(problems)} problem(s))", file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(1)
    print(f"test-scale: the Spark pipe stage gives the direct run's {len(ids)} reports, each identical as JSON")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
