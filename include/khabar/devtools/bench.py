"""``khabar bench``: end-to-end throughput and memory of ``khabar run`` against the naive
hazm pipeline, measured in the same run on the same files.

Method (see ``docs/benchmarks.md``):

1. Build two landings of ``--small`` and ``--large`` articles from the real corpus
   (``../shared/corpus/real``), or from ``seeds/`` when the corpus is absent. Records are
   reused in rounds; every round after the first appends a short numbered sentence to
   the longest paragraph, so each copy is a distinct article (a new ``article_id``),
   not a duplicate.
   Files hold ``--file-records`` records each, as a day's landing would.
2. After one unmeasured warm-up run of each pipeline (a cold page cache would
   flatter the marginal), run, each as a child process sampled every 50 ms for the
   resident memory of its whole process tree: ``khabar run`` on each landing (fresh lake, ``--workers``),
   and the naive pipeline on the same files (one process: hazm's ``Normalizer`` and
   ``WordTokenizer`` per article, a pandas DataFrame, ``to_parquet``).
3. Report articles/s and MB/s per run, and the *marginal* throughput between the
   two sizes (extra bytes / extra seconds), which removes start-up costs (imports,
   hazm's word lists, Great Expectations) from the comparison; the ratio of khabar's
   marginal throughput to the naive one's; and the peak RSS of each run.

``khabar bench --part layers`` times, in one process on the same texts, the naive
pipeline's per-article work and each layer of khabar's extraction (one pass of the
hazm-equivalent normaliser, normalisation to a fixed point, the whole extraction). Each
layer's ceiling is what khabar's ratio could be on all cores if it did that layer and
nothing else: it bounds what any change above that layer can reach.

``khabar bench --part long`` times :func:`khabar.extraction.extract.extract_text` on one article of 1, 2,
4 and 8 MB, built from the seeds' and the corpus's paragraphs, and prints the ratio of the
8 MB time to the 1 MB time: about 8 when extraction is linear in the text (42 in issue 14, when
persons, roles and events compared every mention with every other). The articles are over
``KHABAR_MAX_ARTICLE_CHARS``, which a run would quarantine; the bench lifts the limit.

``khabar bench --part lake`` builds a synthetic lake of ``--articles`` articles (default
1,000,000) by replicating a small real lake over many days, then times each report
query and a whole report against it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from khabar.core.settings import PROJECT_ROOT

BENCH_DATE = "2025-03-01"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "real"
SEEDS = PROJECT_ROOT / "seeds"
#: The closing paragraph that makes round ``k`` of a record a distinct article.
ROUND_MARK = {
    "ar": "(النسخة رقم {k} من الأرشيف)",
    "fa": "(نسخه شماره {k} از بایگانی)",
    "prs": "(نسخه شماره {k} از بایگانی)",
}


# --- landings -------------------------------------------------------------------------


def source_records(corpus: Path | None = None) -> tuple[list[dict[str, Any]], str]:
    """The records the landings are built from, and where they came from: ``corpus``
    (it must hold JSON Lines records with a ``text``), else the real corpus when
    present, else the seeds.

    Raises:
        FileNotFoundError: ``corpus`` was given and holds no usable record.
    """
    folder = corpus or CORPUS
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    records: list[dict[str, Any]] = []
    for path in files:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line) if line.strip() else None
                if isinstance(record, dict) and isinstance(record.get("text"), str):
                    records.append(record)
    if records:
        return records, str(folder)
    if corpus is not None:
        raise FileNotFoundError(f"no JSON Lines records with a 'text' key in {corpus}")
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lang = "ar" if path.name.startswith("003") else "fa"
        records.append({"id": path.stem, "lang": lang, "text": text})
    if not records:
        raise FileNotFoundError(f"no corpus at {corpus} and no seeds at {SEEDS}")
    return records, str(SEEDS)


def variants(records: list[dict[str, Any]], count: int) -> Iterator[dict[str, Any]]:
    """``count`` distinct articles: the records, then copies with a round mark in their longest
    paragraph (new bodies, so no copy is a duplicate of another)."""
    for i in range(count):
        k, j = divmod(i, len(records))
        record = records[j]
        if k == 0:
            yield record
            continue
        mark = ROUND_MARK.get(record.get("lang") or "fa", ROUND_MARK["fa"]).format(k=k)
        lines = record["text"].split("\n")
        longest = max(
            range(len(lines)), key=lambda n: len(lines[n])
        )  # a body paragraph, not a title or comment
        lines[longest] = f"{lines[longest]} {mark}"
        yield {**record, "id": f"{record.get('id', i)}-r{k}", "text": "\n".join(lines)}


def build_landing(
    root: Path, records: list[dict[str, Any]], count: int, file_records: int = 1000
) -> dict[str, Any]:
    """Write ``count`` articles as JSON Lines files under ``root/BENCH_DATE/`` (replacing
    what a previous bench left there)."""
    day = root / BENCH_DATE
    shutil.rmtree(day, ignore_errors=True)
    day.mkdir(parents=True)
    sizes = []
    sink = None
    for i, record in enumerate(variants(records, count)):
        if i % file_records == 0:
            if sink:
                sink.close()
            sink = (day / f"part-{i // file_records:05d}.jsonl").open("w", encoding="utf-8")
        line = json.dumps(record, ensure_ascii=False) + "\n"
        sink.write(line)
        sizes.append(len(line.encode("utf-8")))
    if sink:
        sink.close()
    return {"landing": str(root), "articles": count, "bytes": sum(sizes), "files": -(-count // file_records)}


# --- measured child processes ---------------------------------------------------------


@dataclass
class Measured:
    label: str
    articles: int
    bytes: int
    seconds: float
    peak_rss_mb: float
    returncode: int

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        parent = psutil.Process(pid)
        procs = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(label: str, argv: list[str], articles: int, nbytes: int, log: Path) -> Measured:
    """Run ``argv``; wall time and the peak resident memory of its process tree."""
    peak = 0
    with log.open("w") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(proc.pid))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    if returncode != 0:
        raise RuntimeError(
            f"{label} failed with exit status {returncode}; see {log}:\n{log.read_text()[-2000:]}"
        )
    return Measured(label, articles, nbytes, round(seconds, 3), round(peak / 2**20, 1), returncode)


def naive_article() -> Callable[[str], tuple[str, int]]:
    """The naive pipeline's work on one article, hazm's objects built once: the body
    (``Normalizer().normalize``) and its number of tokens (``WordTokenizer``)."""
    from hazm import Normalizer, WordTokenizer

    normalizer, tokenizer = Normalizer(), WordTokenizer()

    def work(text: str) -> tuple[str, int]:
        body = normalizer.normalize(text)
        return body, len(tokenizer.tokenize(body))

    return work


def naive(landing: str, out: str) -> dict[str, Any]:
    """The naive pipeline: hazm per article, a pandas DataFrame, ``to_parquet``."""
    import pandas as pd

    work = naive_article()
    rows = []
    for path in sorted((Path(landing) / BENCH_DATE).glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                body, tokens = work(record["text"])
                rows.append(
                    {"id": record.get("id"), "title": record.get("title"), "body": body, "tokens": tokens}
                )
    pd.DataFrame(rows).to_parquet(out)
    return {"articles": len(rows)}


# --- the benchmark --------------------------------------------------------------------


def marginal(small: Measured, large: Measured) -> dict[str, float] | None:
    """Throughput of the extra articles of the large run; None when the large run did not
    take longer (landings too small for start-up noise to cancel out)."""
    extra_seconds = large.seconds - small.seconds
    if extra_seconds <= 0:
        return None
    return {
        "mb_per_s": round((large.bytes - small.bytes) / 1e6 / extra_seconds, 2),
        "articles_per_s": round((large.articles - small.articles) / extra_seconds, 1),
    }


def _khabar_argv(landing: str, lake: Path, workers: int) -> list[str]:
    """``khabar run`` of the bench date, as a child process."""
    run = ["run", "--landing", landing, "--lake", str(lake), "--date", BENCH_DATE, "--workers", str(workers)]
    return [sys.executable, "-m", "khabar", *run]


def _naive_argv(landing: str, out: Path) -> list[str]:
    """The naive pipeline (:func:`naive`) over the same landing, as a child process."""
    return [sys.executable, "-m", "khabar.devtools.bench", "naive", landing, str(out)]


def _warm_up(workdir: Path, records: list[dict[str, Any]], workers: int) -> None:
    """One small run of each pipeline, not measured: the first run of a process pays for
    a cold page cache (Python modules, hazm's files), which would flatter the marginal."""
    landing = build_landing(workdir / "landing-warm-up", records, min(20, len(records)))
    lake = workdir / "lake-warm-up"
    shutil.rmtree(lake, ignore_errors=True)
    for argv in (
        _khabar_argv(landing["landing"], lake, workers),
        _naive_argv(landing["landing"], workdir / "naive-warm-up.parquet"),
    ):
        measure("warm-up", argv, 0, 0, workdir / "warm-up.log")


def run_bench(
    small: int, large: int, workers: int, workdir: Path, corpus: Path | None = None, file_records: int = 1000
) -> dict[str, Any]:
    records, origin = source_records(corpus)
    runs: dict[str, Measured] = {}
    phases: dict[str, dict[str, float] | None] = {}
    landings = {}
    _progress("warm-up: one small run of each pipeline (not measured)")
    _warm_up(workdir, records, workers)
    for name, count in (("small", small), ("large", large)):
        landing = build_landing(workdir / f"landing-{name}", records, count, file_records)
        landings[name] = landing
        _progress(
            f"landing {name}: {count} articles, {landing['bytes'] / 1e6:.1f} MB in {landing['files']} files"
        )
        lake = workdir / f"lake-{name}"
        shutil.rmtree(lake, ignore_errors=True)
        argv = _khabar_argv(landing["landing"], lake, workers)
        runs[f"khabar-{name}"] = measure(
            f"khabar run ({name})", argv, count, landing["bytes"], workdir / f"khabar-{name}.log"
        )
        phases[name] = run_phases(workdir / f"khabar-{name}.log")
        _progress(_line(runs[f"khabar-{name}"]))
        _progress(_phases_line(name, phases[name]))
        argv = _naive_argv(landing["landing"], workdir / f"naive-{name}.parquet")
        runs[f"naive-{name}"] = measure(
            f"naive hazm ({name})", argv, count, landing["bytes"], workdir / f"naive-{name}.log"
        )
        _progress(_line(runs[f"naive-{name}"]))
    khabar_marginal = marginal(runs["khabar-small"], runs["khabar-large"])
    naive_marginal = marginal(runs["naive-small"], runs["naive-large"])
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": origin,
        "cpus": os.cpu_count(),
        "workers": workers,
        "landings": landings,
        "runs": {
            k: {**asdict(v), "mb_per_s": round(v.mb_per_s, 2), "articles_per_s": round(v.articles_per_s, 1)}
            for k, v in runs.items()
        },
        "khabar_phases": phases,
        "marginal": {"khabar": khabar_marginal, "naive": naive_marginal},
        # a marginal rate that rounds to 0 MB/s (a tiny landing on a busy machine) gives no ratio
        "speedup_marginal": round(khabar_marginal["mb_per_s"] / naive_marginal["mb_per_s"], 2)
        if khabar_marginal and naive_marginal and naive_marginal["mb_per_s"]
        else None,
        "speedup_end_to_end_large": round(runs["naive-large"].seconds / runs["khabar-large"].seconds, 2),
        "rss_growth_large_vs_small": round(
            runs["khabar-large"].peak_rss_mb / runs["khabar-small"].peak_rss_mb - 1, 3
        ),
    }


# --- layers ---------------------------------------------------------------------------

#: The layers ``run_layer_bench`` times, in this order: key and label (steps: ``_layer_steps``).
LAYERS = (
    ("naive", "naive: hazm normalize + tokenize"),
    ("one_pass", "normalisation, one pass"),
    ("fixed_point", "normalisation to a fixed point"),
    ("extract", "extraction (extract_text)"),
)


def _layer_steps() -> dict[str, Callable[[dict[str, Any]], object]]:
    from khabar.core.errors import InputRejected
    from khabar.extraction.extract import extract_text
    from khabar.text import fast_hazm
    from khabar.text.normalize import clean_unicode, normalize_arabic, normalize_persian

    naive_work = naive_article()
    ingest = dt.date.fromisoformat(BENCH_DATE)

    def extract(record: dict[str, Any]) -> object:
        try:
            return extract_text(record["text"], "bench://layers", ingest_date=ingest)
        except InputRejected as exc:  # no text left or not a language of khabar's: still timed
            return exc

    def per_line(persian: Callable[[str], str]) -> Callable[[dict[str, Any]], object]:
        """Normalise each line of a record as extraction does: Arabic by its own rules."""

        def step(record: dict[str, Any]) -> object:
            arabic = record.get("lang") == "ar"
            return [
                normalize_arabic(p) if arabic else persian(p)
                for p in clean_unicode(record["text"]).split("\n")
            ]

        return step

    return {
        "naive": lambda r: naive_work(r["text"]),
        "one_pass": per_line(fast_hazm.normalize),
        "fixed_point": per_line(normalize_persian),
        "extract": extract,
    }


def run_layer_bench(cores: int, corpus: Path | None = None, repeats: int = 3) -> dict[str, Any]:
    """Per-core MB/s of the naive pipeline's per-article work and of each layer of khabar's
    extraction, in this process, over the same records (the corpus as it is, not replicated);
    the best of ``repeats`` rounds. ``ceiling`` is ``cores`` x the layer's MB/s / the naive
    MB/s: khabar's ratio if it did that layer alone, with perfect scaling over ``cores``."""
    records, origin = source_records(corpus)
    nbytes = sum(len(r["text"].encode("utf-8")) for r in records)
    steps = _layer_steps()
    for step in steps.values():  # build hazm's and khabar's tables before timing
        step(records[0])
    best: dict[str, float] = {}
    for round_ in range(repeats):
        for key, label in LAYERS:
            _progress(f"layers, round {round_ + 1}/{repeats}: {label}")
            start = time.perf_counter()
            for record in records:
                steps[key](record)
            seconds = time.perf_counter() - start
            best[key] = min(best.get(key, seconds), seconds)
    naive_mb_s = nbytes / 1e6 / best["naive"]
    layers = {}
    for key, label in LAYERS:
        mb_s = nbytes / 1e6 / best[key]
        layers[key] = {
            "label": label,
            "seconds": round(best[key], 4),
            "mb_per_s": round(mb_s, 2),
            "ceiling": round(cores * mb_s / naive_mb_s, 2),
        }
    return {
        "source": origin,
        "records": len(records),
        "bytes": nbytes,
        "cores": cores,
        "repeats": repeats,
        "layers": layers,
    }


def render_layers(result: dict[str, Any]) -> str:
    lines = [
        f"layers, per core ({result['records']} records, {result['bytes'] / 1e6:.1f} MB from {result['source']}; best of {result['repeats']}):",
    ]
    for layer in result["layers"].values():
        lines.append(
            f"  {layer['label']:40s} {layer['seconds']:8.2f} s {layer['mb_per_s']:6.2f} MB/s   ceiling on {result['cores']} cores: {layer['ceiling']}x naive"
        )
    return "\n".join(lines) + "\n"


# --- one long article -----------------------------------------------------------------

#: Sizes of the articles ``--part long`` times, in MB of UTF-8 text.
LONG_SIZES_MB = (1.0, 2.0, 4.0, 8.0)
#: The closing mark that makes paragraph ``k`` of a long article distinct from its other copies.
LONG_MARK = "(بند {k})"
#: Paragraphs taken from the corpus, after the seeds': a long article repeats them all.
LONG_CORPUS_PARAGRAPHS = 2_000
#: A paragraph of a long article has at least this many words (no headline or furniture).
LONG_MIN_WORDS = 8


def long_paragraphs(corpus: Path | None = None) -> tuple[list[str], str]:
    """The paragraphs long articles are made of, and where they came from.

    The Persian and Dari seeds' paragraphs (officials, roles, countries, events: the costly
    paths) alternate with the first :data:`LONG_CORPUS_PARAGRAPHS` of the corpus's Persian
    and Dari news records (sports left out: a sports text has no events), so that the
    article names many persons, as a real dump of articles would. Lines of page furniture
    are left out: an end marker would cut the article short.
    """
    from khabar.extraction.structure import is_boilerplate

    def usable(text: str) -> list[str]:
        return [
            line
            for line in text.split("\n")
            if len(line.split()) >= LONG_MIN_WORDS and not is_boilerplate(line)
        ]

    seeds = [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        if not path.name.startswith("003")
        for line in usable(path.read_text(encoding="utf-8"))
    ]
    records, origin = source_records(corpus)
    news: list[str] = []
    for record in records:
        if record.get("lang", "fa") in ("fa", "prs") and record.get("category") != "sports":
            news += usable(record["text"])
        if len(news) >= LONG_CORPUS_PARAGRAPHS:
            break
    news = news[:LONG_CORPUS_PARAGRAPHS] or seeds
    paragraphs = [
        p for k in range(max(len(seeds), len(news))) for p in (seeds[k % len(seeds)], news[k % len(news)])
    ]
    return paragraphs, f"{SEEDS} and {origin}"


def long_article(nbytes: int, paragraphs: list[str]) -> str:
    """One article of at least ``nbytes`` of UTF-8: a seed's headline, then ``paragraphs``
    over and over, each copy closed by its number (:data:`LONG_MARK`)."""
    lines = [(SEEDS / "000_7c56e2c6a74a65f5.txt").read_text(encoding="utf-8").split("\n")[0]]
    size, k = len(lines[0].encode("utf-8")), 0
    while size < nbytes:
        lines.append(f"{paragraphs[k % len(paragraphs)]} {LONG_MARK.format(k=k)}")
        size += len(lines[-1].encode("utf-8")) + 1
        k += 1
    return "\n".join(lines)


def run_long_bench(sizes_mb: tuple[float, ...] = LONG_SIZES_MB, corpus: Path | None = None) -> dict[str, Any]:
    """Seconds :func:`khabar.extraction.extract.extract_text` takes on one article of each size (after an
    unmeasured warm-up), and ``time_ratio``, the last size's seconds over the first's, to be
    read against ``size_ratio``: equal when extraction is linear in the text."""
    from khabar.extraction.extract import extract_text

    paragraphs, origin = long_paragraphs(corpus)
    ingest = dt.date.fromisoformat(BENCH_DATE)
    unlimited = sys.maxsize  # these articles are over KHABAR_MAX_ARTICLE_CHARS on purpose
    extract_text(
        long_article(20_000, paragraphs), "bench://long/warm-up", ingest_date=ingest, max_chars=unlimited
    )
    runs = []
    for mb in sizes_mb:
        text = long_article(int(mb * 1e6), paragraphs)
        started = time.perf_counter()
        extraction = extract_text(text, f"bench://long/{mb}", ingest_date=ingest, max_chars=unlimited)
        seconds = round(time.perf_counter() - started, 4)
        nbytes = len(text.encode("utf-8"))
        runs.append({
            "mb": mb, "bytes": nbytes, "chars": len(text), "seconds": seconds, "mb_per_s": round(nbytes / 1e6 / seconds, 3),
            "persons": len(extraction.persons), "events": len(extraction.events), "mentions": len(extraction.mentions),
        })  # fmt: skip
        _progress(f"long article of {mb:g} MB: {seconds:.2f} s")
    first, last = runs[0], runs[-1]
    return {
        "source": origin,
        "paragraphs": len(paragraphs),
        "runs": runs,
        "size_ratio": round(last["bytes"] / first["bytes"], 2),
        "time_ratio": round(last["seconds"] / first["seconds"], 2),
    }


def render_long(result: dict[str, Any]) -> str:
    lines = [
        "",
        f"one long article through extract_text ({result['paragraphs']} paragraphs from {result['source']}):",
    ]
    for run in result["runs"]:
        lines.append(
            f"  {run['mb']:6g} MB ({run['chars']:>9,} characters) {run['seconds']:9.2f} s {run['mb_per_s']:7.3f} MB/s"
            f"   {run['persons']} persons, {run['events']} events, {run['mentions']} mentions"
        )
    first, last = result["runs"][0], result["runs"][-1]
    lines.append(
        f"time({last['mb']:g} MB) / time({first['mb']:g} MB) = {result['time_ratio']} for {result['size_ratio']}x the text "
        f"(linear: about {result['size_ratio']:g}; quadratic: about {result['size_ratio'] ** 2:.0f})"
    )
    return "\n".join(lines) + "\n"


# --- the large lake -------------------------------------------------------------------

#: Characters of ``body``/``lead`` kept in the synthetic lake: the report queries never read
#: them, and 1,000,000 full bodies would take 4 GB of disk for nothing.
LAKE_TEXT_CHARS = 300


def _seed_lake(workdir: Path, corpus: Path | None = None) -> Path:
    """A real lake to replicate: the small pipeline run's, or a fresh run over 5,000 articles."""
    lake = workdir / "lake-small"
    if (lake / "articles").is_dir():
        return lake
    records, _ = source_records(corpus)
    landing = build_landing(workdir / "landing-small", records, min(5_000, max(len(records), 1)))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "khabar",
            "run",
            "--landing",
            landing["landing"],
            "--lake",
            str(lake),
            "--date",
            BENCH_DATE,
        ],
        check=True,
        capture_output=True,
    )
    return lake


def build_large_lake(seed_lake: Path, target: Path, articles: int) -> dict[str, Any]:
    """Replicate ``seed_lake``'s day over consecutive days until ``articles`` articles exist.

    Day ``d`` gets the seed day's rows with article ids made unique (the id's last 8 hex
    digits replaced by the day number), ingest and published dates moved by ``d`` days,
    and body and lead cut to :data:`LAKE_TEXT_CHARS` characters.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from khabar.lake import store as lake_io
    from khabar.lake.schema import TABLES

    shutil.rmtree(target, ignore_errors=True)
    seed = {t: lake_io.read_files(lake_io.list_files(str(seed_lake / t)), t) for t in TABLES}
    per_day = seed["articles"].num_rows
    if not per_day:
        raise RuntimeError(f"the seed lake {seed_lake} has no articles")
    for column in ("body", "lead"):
        index = seed["articles"].schema.get_field_index(column)
        seed["articles"] = seed["articles"].set_column(
            index, column, pc.utf8_slice_codeunits(seed["articles"].column(column), 0, LAKE_TEXT_CHARS)
        )
    days = -(-articles // per_day)
    start = dt.date.fromisoformat(BENCH_DATE) - dt.timedelta(days=days)
    rows = dict.fromkeys(TABLES, 0)
    for d in range(days):
        day = start + dt.timedelta(days=d)
        suffix = f"{d:08x}"
        last = d == days - 1
        kept = (
            seed["articles"].column("article_id").combine_chunks().slice(0, articles - per_day * (days - 1))
            if last
            else None
        )
        for name, table in seed.items():
            if last and "article_id" in table.column_names and name != "sources":
                table = table.filter(
                    pc.is_in(table.column("article_id"), value_set=kept)
                )  # the last day is partial
            for column in ("article_id", "story_id"):  # each day's articles and stories are its own
                if column in table.column_names:
                    ids = table.column(column)
                    new_ids = pc.binary_join_element_wise(
                        pc.utf8_slice_codeunits(ids, 0, 56), pa.scalar(suffix), ""
                    )
                    table = table.set_column(
                        table.schema.get_field_index(column), TABLES[name].field(column), new_ids
                    )
            if "published_date" in table.column_names:
                shifted = pc.add(
                    table.column("published_date"), pa.scalar(dt.timedelta(days=d - days), pa.duration("s"))
                )
                table = table.set_column(
                    table.schema.get_field_index("published_date"),
                    TABLES[name].field("published_date"),
                    pc.cast(shifted, pa.date32()),
                )
            if name == "runs":
                table = table.set_column(
                    table.schema.get_field_index("run_id"),
                    TABLES[name].field("run_id"),
                    pa.array([f"bench-{d}"] * table.num_rows, pa.string()),
                )
            lake_io.write_table(
                str(Path(lake_io.partition_uri(str(target), name, day.isoformat())) / "part-bench.parquet"),
                table,
            )
            rows[name] += table.num_rows
    size = sum(f.stat().st_size for f in target.rglob("*.parquet"))
    return {"lake": str(target), "days": days, "rows": rows, "parquet_mb": round(size / 2**20, 1)}


def run_lake_bench(
    articles: int, workdir: Path, repeats: int = 3, corpus: Path | None = None
) -> dict[str, Any]:
    """Build the large lake and time every query of the SQL library (best of ``repeats``) and
    a whole report, as text and as HTML with its charts."""
    from khabar.analytics import report

    started = time.perf_counter()
    built = build_large_lake(_seed_lake(workdir, corpus), workdir / "lake-large", articles)
    built["seconds_build"] = round(time.perf_counter() - started, 1)
    _progress(
        f"large lake: {built['rows']['articles']} articles over {built['days']} days, {built['parquet_mb']} MB of Parquet ({built['seconds_build']} s)"
    )
    con = report.connect(built["lake"])
    last = dt.date.fromisoformat(BENCH_DATE) - dt.timedelta(days=1)
    ranges = {"all days": (None, None), "last 30 days": (last - dt.timedelta(days=29), last)}
    queries = []
    for name in report.LIBRARY:  # every query of the library, the report's sections among them
        sql = report.load_sql(name)
        for label, (since, until) in ranges.items():
            timings = []
            for _ in range(repeats):
                t = time.perf_counter()
                rows = con.execute(sql, {"since": since, "until": until}).fetchall()
                timings.append(time.perf_counter() - t)
            queries.append(
                {
                    "query": name,
                    "range": label,
                    "rows": len(rows),
                    "best_s": round(min(timings), 3),
                    "worst_s": round(max(timings), 3),
                }
            )
            _progress(f"  {name:24s} {label:13s} {min(timings):7.3f} s ({len(rows)} rows)")
    con.close()
    reports = {}
    for fmt in ("text", "html"):
        t = time.perf_counter()
        report.render(built["lake"], fmt, None, None)
        reports[fmt] = round(time.perf_counter() - t, 3)
    return {
        **built,
        "queries": queries,
        "report_seconds": reports,
        "slowest_query_s": max(q["best_s"] for q in queries),
    }


def render_lake(result: dict[str, Any]) -> str:
    lines = [
        "",
        f"report queries on a lake of {result['rows']['articles']:,} articles ({result['rows']['mentions']:,} mentions, "
        f"{result['rows']['events']:,} events; {result['days']} days, {result['parquet_mb']} MB of Parquet)",
    ]
    lines += [
        f"  {q['query']:24s} {q['range']:13s} {q['best_s']:7.3f} s  ({q['rows']} rows)"
        for q in result["queries"]
    ]
    lines.append(
        f"whole report: text {result['report_seconds']['text']} s, html {result['report_seconds']['html']} s; slowest query {result['slowest_query_s']} s"
    )
    return "\n".join(lines) + "\n"


def run_phases(log: Path) -> dict[str, float] | None:
    """Where a ``khabar run`` spent its time, from the summary it printed: seconds of batch
    work (summed over the workers), consolidation, validation and publishing."""
    text = log.read_text(encoding="utf-8", errors="replace")
    start = text.rfind("\n{\n")
    end = text.find("\n}", start)
    try:
        summary = json.loads(text[start + 1 : end + 2])
    except (ValueError, json.JSONDecodeError):
        return None
    validation = summary.get("validation") or {}
    return {
        "batches_cpu_s": summary.get("seconds_process"),
        "consolidate_s": summary.get("seconds_consolidate"),
        "validate_s": validation.get("seconds_validate"),
        "publish_s": summary.get("seconds_publish"),
    }


def _phases_line(name: str, phases: dict[str, float] | None) -> str:
    if not phases:
        return f"  {name}: phases not found in the run's output"
    return (
        f"  {name}: batches {phases['batches_cpu_s']} s of CPU (all workers), consolidate {phases['consolidate_s']} s, "
        f"validate {phases['validate_s']} s, publish {phases['publish_s']} s"
    )


def _line(m: Measured) -> str:
    return f"{m.label:24s} {m.articles:>8d} articles {m.bytes / 1e6:8.1f} MB {m.seconds:8.1f} s {m.articles_per_s:8.1f} art/s {m.mb_per_s:6.2f} MB/s peak RSS {m.peak_rss_mb:7.1f} MB"


#: The command line's progress display while it runs (:mod:`khabar.core.progress`), or None.
STEPS: Any = None


def _progress(message: str) -> None:
    from khabar.core.progress import Silent

    (STEPS or Silent()).note(message)


def render(result: dict[str, Any]) -> str:
    lines = [f"khabar bench ({result['source']}, {result['cpus']} CPUs, {result['workers']} workers)", ""]
    for run in result["runs"].values():
        lines.append(
            _line(
                Measured(
                    **{
                        k: run[k]
                        for k in ("label", "articles", "bytes", "seconds", "peak_rss_mb", "returncode")
                    }
                )
            )
        )
    lines += ["", "where khabar run's time went:"] + [
        _phases_line(name, phases) for name, phases in result.get("khabar_phases", {}).items()
    ]
    k, n = result["marginal"]["khabar"], result["marginal"]["naive"]
    lines.append("")
    if k and n:
        lines += [
            f"marginal throughput: khabar {k['mb_per_s']} MB/s ({k['articles_per_s']} art/s), naive {n['mb_per_s']} MB/s ({n['articles_per_s']} art/s)",
            f"khabar / naive (marginal): {result['speedup_marginal']}x; end to end on the large landing: {result['speedup_end_to_end_large']}x",
        ]
    else:
        lines += [
            "marginal throughput: not measurable, a large run did not take longer than its small run (use larger --small/--large)",
            f"end to end on the large landing: {result['speedup_end_to_end_large']}x",
        ]
    lines.append(f"peak RSS of khabar run, large vs small: {result['rss_growth_large_vs_small']:+.1%}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["naive"] and len(argv) == 3:
        print(json.dumps(naive(argv[1], argv[2])))
        return 0
    raise SystemExit(
        f"usage: python -m {__spec__.name if __spec__ else 'khabar.devtools.bench'} naive LANDING OUT.parquet"
        " (the naive pipeline alone; `khabar bench` runs the benchmark)"
    )


def default_workdir() -> Path:
    return Path(tempfile.gettempdir()) / "khabar-bench"


if __name__ == "__main__":
    sys.exit(main())
