#!/usr/bin/env python3
"""Runs the README's Spark example and checks it gives the rows of a single run.

    python3 scripts/spark_check.py [ARTICLES.jsonl] [--partitions N]

PySpark in local mode pipes each partition of the JSONL lines through
`claimsift extract - --out - --no-header --quiet` (RDD.pipe), collects the CSV rows and
compares them, sorted, with one `claimsift extract` run over the same file. Needs pyspark
(and java); without pyspark it says so and exits 0. Not part of CI. The default input is
our own fixture articles, written to a temporary JSONL file.
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "claimsift")


def fixture_jsonl(path):
    folder = os.path.join(ROOT, "fixtures", "articles")
    with open(path, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    text = f.read()
                out.write(json.dumps({"id": name[:-4], "text": text}) + "\n")


def rows(csv_text, header):
    reader = csv.reader(io.StringIO(csv_text))
    if header:
        next(reader, None)
    return sorted(tuple(r) for r in reader)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", nargs="?")
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        print("spark_check: pyspark is not installed; skipped", file=sys.stderr)
        return 0
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        articles = args.articles
        if articles is None:
            articles = os.path.join(tmp, "articles.jsonl")
            fixture_jsonl(articles)
        single = subprocess.run(
            [BIN, "extract", articles, "--out", "-", "--quiet"],
            check=True, capture_output=True, text=True,
        ).stdout

        spark = SparkSession.builder.master("local[2]").appName("claimsift").getOrCreate()
        try:
            sc = spark.sparkContext
            # RDD.pipe writes each element as one line to the command's stdin and returns its
            # stdout lines. A CSV cell may hold a line break, so the lines of each partition
            # are joined back before parsing.
            lines = sc.textFile(articles, args.partitions)
            out = lines.pipe(f"{BIN} extract - --out - --no-header --quiet")
            parts = out.glom().map(lambda part: "".join(l + "\n" for l in part)).collect()
            partitions = lines.getNumPartitions()
        finally:
            spark.stop()

    merged = sorted(r for part in parts for r in rows(part, header=False))
    expected = rows(single, header=True)
    if merged != expected:
        print(f"spark_check: FAILED: {len(merged)} rows from Spark, {len(expected)} from one run")
        return 1
    print(f"spark_check: ok: {len(merged)} claim rows from {partitions} partitions "
          "equal a single run's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
