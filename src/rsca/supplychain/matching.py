"""Probabilistic facility matching with Splink (DuckDB by default; the same settings run on Spark).

Records on both sides carry the keys of `rsca.supplychain.normalise.facility_keys`. Splink compares
candidate pairs that share a blocking key (always within one country) and scores them with a model
whose m/u probabilities are fixed here, so no training run is needed per upload. The scores are then
turned into three outcomes:

* ``matched``: the best candidate's match probability is at least `AUTO_MATCH`, its brand agrees (exactly
  or within a small spelling distance), nothing in the address contradicts (city, place in the name,
  house number on the same street), and no second facility is nearly as good;
* ``review``: the best candidate scores at least `REVIEW`, or it carries exactly the same name (brand and
  trade words) in the same city at another address — a company registered name is unique within its city,
  so this is a moved or second site a person should confirm, never a silent new facility; ranked
  candidates are kept for a person;
* ``new``: nothing else.

Sister factories of one group at different addresses fail the address guard and go to review at most;
different companies at one address fail the brand guard. When both names are written in Chinese, brands whose
characters differ (homophones such as 鑫达/新达, the same ``xinda`` in pinyin) are never matched automatically:
at most the pair goes to review; when the characters agree (after folding traditional to simplified) the brand
counts as exact.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

AUTO_MATCH = 0.999
REVIEW = 0.80
CANDIDATE_FLOOR = 0.30
# Splink's gamma of levels below (levels count down to 0, the "else" level)
BRAND_EXACT, INDUSTRY_EXACT, INDUSTRY_NONE = 3, 2, 0
MAX_CANDIDATES = 5
PRIOR = 1e-5

RECORD_COLUMNS = (
    "unique_id",
    "country",
    "region",
    "brand",
    "brand_native",
    "brand_head",
    "brand_tail",
    "industry",
    "industry_key",
    "place",
    "city",
    "district",
    "street",
    "number",
    "address_tokens",
    "address_key",
)


STRONG_OVERLAP = 0.75  # share of address words in common (Jaccard) for "the same name at the same address"


@dataclass
class Candidate:
    facility_id: int
    probability: float
    brand_level: int
    address_contradicts: bool
    same_name_same_city: bool = False
    industry_level: int = -1
    native_brand_differs: bool = False
    same_name_same_address: bool = False


@dataclass
class Outcome:
    status: str  # matched | review | new
    facility_id: int | None = None
    score: float | None = None
    candidates: list[Candidate] = field(default_factory=list)


KEY_COLUMNS = (
    "match_brand",
    "match_brand_native",
    "match_industry",
    "match_place",
    "match_province",
    "match_city",
    "match_district",
    "match_street",
    "match_number",
    "match_address",
)


def records_frame(rows: list[tuple[int, str, dict[str, str]]]) -> pd.DataFrame:
    """A Splink input table from (unique id, country code, facility keys) tuples."""
    return records_from_columns(
        [r[0] for r in rows],
        [r[1] for r in rows],
        {column: [r[2][column] for r in rows] for column in KEY_COLUMNS},
    )


def _sorted_words(values: Sequence[str | None]) -> list[list[str]]:
    cache: dict[str, list[str]] = {}
    result = []
    for value in values:
        words = cache.get(value or "")
        if words is None:
            words = cache[value or ""] = sorted(set((value or "").split()))
        result.append(words)
    return result


def records_from_columns(
    ids: Sequence[int], countries: Sequence[str], keys: dict[str, Sequence[str]]
) -> pd.DataFrame:
    """A Splink input table from the stored `match_*` columns, column by column (no per-row dictionaries:
    this runs over every candidate fetched from the register)."""

    def text(column: str) -> list[str | None]:
        return [v or None for v in keys[column]]

    brands = [v or "" for v in keys["match_brand"]]
    industry = _sorted_words(keys["match_industry"])
    tokens = _sorted_words(keys["match_address"])
    return pd.DataFrame(
        {
            "unique_id": pd.array(ids, dtype="int64"),
            "country": countries,
            "region": [
                province or country
                for province, country in zip(keys["match_province"], countries, strict=True)
            ],
            "brand": [b or None for b in brands],
            "brand_native": text("match_brand_native"),
            "brand_head": [b[:4] if len(b) >= 4 else None for b in brands],
            "brand_tail": [b[-4:] if len(b) >= 6 else None for b in brands],
            "industry": [w or None for w in industry],
            "industry_key": [" ".join(w) or None for w in industry],
            "place": text("match_place"),
            "city": text("match_city"),
            "district": text("match_district"),
            "street": text("match_street"),
            "number": text("match_number"),
            "address_tokens": [t or None for t in tokens],
            "address_key": [" ".join(t) if len(t) >= 2 else None for t in tokens],
        },
        columns=list(RECORD_COLUMNS),
    )


Parameters = dict[str, list[list[float]]]  # comparison → [[m, u] for each non-null level, in order]


LinkType = Literal["link_only", "link_and_dedupe", "dedupe_only"]


def splink_settings(parameters: Parameters | None = None, *, link_type: LinkType = "link_only") -> Any:
    """The linkage model: blocking rules and comparisons (dialect-neutral). The m/u probabilities are the fitted
    ones of the register's current `MatchModel` when given (`model_fit`), else the defaults below."""
    import splink.comparison_level_library as cll
    from splink import SettingsCreator, block_on
    from splink.internals.comparison_library import CustomComparison

    def comparison(name: str, null: Any, levels: list[tuple[Any, float, float]]) -> Any:
        fitted = (parameters or {}).get(name)
        if fitted is not None and len(fitted) != len(levels):
            fitted = None  # a model fitted for another structure: the defaults
        configured = [
            creator.configure(
                m_probability=(fitted[i][0] if fitted else m), u_probability=(fitted[i][1] if fitted else u)
            )
            for i, (creator, m, u) in enumerate(levels)
        ]
        return CustomComparison(output_column_name=name, comparison_levels=[null, *configured])

    brand = comparison(
        "brand",
        cll.NullLevel("brand"),
        [
            (cll.ExactMatchLevel("brand"), 0.80, 0.0005),
            (cll.JaroWinklerLevel("brand", 0.92), 0.12, 0.002),
            (cll.JaroWinklerLevel("brand", 0.82), 0.07, 0.02),
            (cll.ElseLevel(), 0.01, 0.9775),
        ],
    )
    industry = comparison(
        "industry",
        cll.NullLevel("industry_key"),
        [
            (cll.ExactMatchLevel("industry_key"), 0.75, 0.03),
            (cll.ArrayIntersectLevel("industry", 1), 0.20, 0.2),
            (cll.ElseLevel(), 0.05, 0.77),
        ],
    )
    place = comparison(
        "place",
        cll.NullLevel("place"),
        [
            (cll.ExactMatchLevel("place"), 0.95, 0.1),
            (cll.ElseLevel(), 0.05, 0.9),
        ],
    )
    city = comparison(
        "city",
        cll.NullLevel("city"),
        [
            (cll.ExactMatchLevel("city"), 0.97, 0.05),
            (cll.ElseLevel(), 0.03, 0.95),
        ],
    )
    district = comparison(
        "district",
        cll.NullLevel("district"),
        [
            (cll.ExactMatchLevel("district"), 0.88, 0.08),
            (cll.JaroWinklerLevel("district", 0.9), 0.06, 0.02),
            (cll.ElseLevel(), 0.06, 0.9),
        ],
    )
    street = comparison(
        "street_number",
        cll.And(cll.NullLevel("street"), cll.NullLevel("number")).configure(is_null_level=True),
        [
            (cll.And(cll.ExactMatchLevel("street"), cll.ExactMatchLevel("number")), 0.70, 0.0002),
            (cll.And(cll.JaroWinklerLevel("street", 0.88), cll.ExactMatchLevel("number")), 0.14, 0.0005),
            (cll.And(cll.ExactMatchLevel("street"), cll.NullLevel("number")), 0.05, 0.002),
            (cll.ExactMatchLevel("street"), 0.02, 0.01),
            (cll.ExactMatchLevel("number"), 0.03, 0.01),
            (cll.ElseLevel(), 0.06, 0.9773),
        ],
    )
    address = comparison(
        "address_tokens",
        cll.NullLevel("address_tokens"),
        [
            (cll.ExactMatchLevel("address_key"), 0.35, 0.00005),
            (cll.ArrayIntersectLevel("address_tokens", 3), 0.25, 0.005),
            (cll.ArrayIntersectLevel("address_tokens", 2), 0.20, 0.02),
            (cll.ArrayIntersectLevel("address_tokens", 1), 0.12, 0.12),
            (cll.ElseLevel(), 0.08, 0.855),
        ],
    )
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        probability_two_random_records_match=PRIOR,
        comparisons=[brand, industry, place, city, district, street, address],
        blocking_rules_to_generate_predictions=[
            block_on("country", "region", "brand"),
            block_on("country", "city", "street", "number"),
            block_on("country", "city", "brand_head", "industry_key"),
            block_on("country", "city", "brand_tail", "industry_key"),
            block_on("country", "brand", "street"),
        ],
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=["place", "city", "number", "street", "brand_native", "address_tokens"],
    )


LABEL_PSEUDO_COUNT = 50.0  # the default m weighs like 50 labelled pairs: a few labels move it a little


def _levels(model: dict[str, Any]) -> Parameters:
    """[[m, u] …] per comparison from a Splink model (`save_model_to_json`), null levels left out."""
    found: Parameters = {}
    for comparison in model["comparisons"]:
        found[comparison["output_column_name"]] = [
            [float(level.get("m_probability") or 0.0), float(level.get("u_probability") or 0.0)]
            for level in comparison["comparison_levels"]
            if not level.get("is_null_level")
        ]
    return found


def model_fit(
    register: pd.DataFrame,
    *,
    labelled: pd.DataFrame | None = None,
    labels: Sequence[tuple[int, int]] = (),
    max_pairs: float = 1e6,
    seed: int = 1,
) -> dict[str, Any]:
    """Fit the model's probabilities with Splink's estimators.

    * u (how often a level occurs between two different facilities): `estimate_u_using_random_sampling` over the
      register itself (a register holds few duplicates, so random pairs are almost all non-matches).
    * m (how often a level occurs between records of the same facility): `estimate_m_from_pairwise_labels` on
      labelled pairs (`labelled` records, ids distinct from the register's, each paired with the facility a
      person or an identical contribution linked it to), smoothed towards the defaults with
      `LABEL_PSEUDO_COUNT`; without labels the default m stay.

    Returns {"parameters": Parameters, "labelled_pairs": n, "facilities": n}. u values Splink could not estimate
    (a level never seen among random pairs) are set to the smallest one it saw for that comparison, since
    "never seen" means rare.
    """
    from splink import DuckDBAPI, Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    defaults = _levels(splink_settings(link_type="dedupe_only").get_settings("duckdb").as_dict())
    db_api = DuckDBAPI()
    table = db_api.register(register, dataset_display_name="register")
    linker = Linker(table, splink_settings(link_type="dedupe_only"), log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    fitted = _levels(linker.misc.save_model_to_json())
    parameters: Parameters = {}
    for name, levels in fitted.items():
        seen = [u for (_m, u), (_dm, du) in zip(levels, defaults[name], strict=True) if u and u != du]
        floor = min(seen) if seen else None
        parameters[name] = [
            [dm, u if (u and u != du) else (floor if floor is not None else du)]
            for (_m, u), (dm, du) in zip(levels, defaults[name], strict=True)
        ]
    pairs = [(left, right) for left, right in labels]
    if labelled is not None and pairs:
        both = db_api.register(
            pd.concat([register, labelled], ignore_index=True), dataset_display_name="labelled"
        )
        labelling = Linker(both, splink_settings(link_type="dedupe_only"), log_level=logging.ERROR)
        table_of_labels = db_api.register(
            pd.DataFrame(
                {
                    "unique_id_l": [p[0] for p in pairs],
                    "unique_id_r": [p[1] for p in pairs],
                    "clerical_match_score": [1.0] * len(pairs),
                }
            ),
            dataset_display_name="labels",
        )
        labelling.training.estimate_m_from_pairwise_labels(table_of_labels)
        trained = _levels(labelling.misc.save_model_to_json())
        weight = len(pairs)
        for name, levels in parameters.items():
            observed = [
                m if m != dm else 0.0
                for (m, _u), (dm, _du) in zip(trained[name], defaults[name], strict=True)
            ]
            total = sum(observed) or 1.0
            blended = [
                (weight * (o / total if any(observed) else dm) + LABEL_PSEUDO_COUNT * dm)
                / (weight + LABEL_PSEUDO_COUNT)
                for o, (dm, _du) in zip(observed, defaults[name], strict=True)
            ]
            norm = sum(blended) or 1.0
            parameters[name] = [[b / norm, level[1]] for b, level in zip(blended, levels, strict=True)]
    return {"parameters": parameters, "labelled_pairs": len(pairs), "facilities": len(register)}


ARRAY_COLUMNS = ("industry", "address_tokens")


def _backend_table(frame: pd.DataFrame, db_api: Any) -> Any:
    """DuckDB takes the pandas frame as it is; Spark needs the schema spelt out (columns may be all null)."""
    spark = getattr(db_api, "spark", None)
    if spark is None:
        return frame
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    schema = StructType(
        [
            StructField(
                column,
                LongType()
                if column == "unique_id"
                else ArrayType(StringType())
                if column in ARRAY_COLUMNS
                else StringType(),
                True,
            )
            for column in RECORD_COLUMNS
        ]
    )
    records = [
        tuple(
            list(value) if column in ARRAY_COLUMNS and value is not None else value
            for column, value in zip(RECORD_COLUMNS, row, strict=True)
        )
        for row in frame[list(RECORD_COLUMNS)].itertuples(index=False, name=None)
    ]
    return spark.createDataFrame(records, schema=schema)


def score_pairs(
    incoming: pd.DataFrame,
    existing: pd.DataFrame,
    *,
    db_api: Any = None,
    parameters: Parameters | None = None,
) -> pd.DataFrame:
    """Scored candidate pairs (unique_id_l = incoming, unique_id_r = existing) above `CANDIDATE_FLOOR`."""
    if incoming.empty or existing.empty:
        return pd.DataFrame(columns=["unique_id_l", "unique_id_r", "match_probability"])
    from splink import Linker

    if db_api is None:
        from splink import DuckDBAPI

        db_api = DuckDBAPI()
    logging.getLogger("splink").setLevel(logging.WARNING)
    left = db_api.register(_backend_table(incoming, db_api), dataset_display_name="a_incoming")
    right = db_api.register(_backend_table(existing, db_api), dataset_display_name="b_existing")
    linker = Linker([left, right], splink_settings(parameters), log_level=None)
    predictions = linker.inference.predict(threshold_match_probability=CANDIDATE_FLOOR, warning_mode="never")
    frame = predictions.as_pandas_dataframe()
    if frame.empty:
        return frame
    if (frame["source_dataset_l"] == "b_existing").any():  # normalise the orientation of each pair
        swap = frame["source_dataset_l"] == "b_existing"
        for column in [c[:-2] for c in frame.columns if c.endswith("_l")]:
            left_col, right_col = f"{column}_l", f"{column}_r"
            if right_col in frame.columns:
                frame.loc[swap, [left_col, right_col]] = frame.loc[swap, [right_col, left_col]].to_numpy()
    return frame


def _contradicts(pair: dict[str, Any]) -> bool:
    """True when the addresses disagree on something a duplicate would share."""
    for column in ("city", "place"):
        left, right = pair.get(f"{column}_l"), pair.get(f"{column}_r")
        if isinstance(left, str) and isinstance(right, str) and left and right and left != right:
            return True
    street_l, number_l, number_r = pair.get("street_l"), pair.get("number_l"), pair.get("number_r")
    if (
        isinstance(street_l, str)
        and street_l == pair.get("street_r")
        and isinstance(number_l, str)
        and isinstance(number_r, str)
        and number_l != number_r
    ):
        return True
    street_level = pair.get("gamma_street_number")
    if street_level is not None and int(street_level) == 0 and street_l and pair.get("street_r"):
        return True  # both addresses name a street and the streets differ: another site of the same group
    address_level = pair.get("gamma_address_tokens")
    return (
        street_level is not None
        and int(street_level) == 0
        and address_level is not None
        and 0 <= int(address_level) <= 1
    )


def locations_contradict(left: tuple[str, str, str, str], right: tuple[str, str, str, str]) -> bool:
    """(city, street, number, place in the name) of two records: a different city or place, or another house
    number on the same street, means another site."""
    city_l, street_l, number_l, place_l = left
    city_r, street_r, number_r, place_r = right
    if (city_l and city_r and city_l != city_r) or (place_l and place_r and place_l != place_r):
        return True
    return bool(street_l and street_l == street_r and number_l and number_r and number_l != number_r)


def _native_brand_differs(pair: dict[str, Any]) -> bool:
    """Both names are written in Chinese and the brand characters differ: homophones (鑫达/新达/信达 are all
    ``xinda`` in pinyin) are different registered companies."""
    left, right = pair.get("brand_native_l"), pair.get("brand_native_r")
    return bool(left) and bool(right) and left != right


def _same_name_same_city(pair: dict[str, Any]) -> bool:
    """Exactly the same brand and trade words, in the same city, and no other place named in either name."""
    city_l, place_l, place_r = pair.get("city_l"), pair.get("place_l"), pair.get("place_r")
    return (
        pair.get("gamma_brand") == BRAND_EXACT
        and not _native_brand_differs(pair)
        and pair.get("gamma_industry") == INDUSTRY_EXACT
        and bool(city_l)
        and city_l == pair.get("city_r")
        and (place_l or "") == (place_r or "")
    )


def _same_name_same_address(pair: dict[str, Any]) -> bool:
    """After normalisation (legal forms, abbreviations, case, punctuation, script), the brand is the same, the trade
    words do not disagree, and the addresses share at least `STRONG_OVERLAP` of their words (Jaccard): the same
    facility written another way, whatever the probability model's calibration for the country."""
    if pair.get("gamma_brand") != BRAND_EXACT or _native_brand_differs(pair):
        return False
    if pair.get("gamma_industry") is not None and int(pair["gamma_industry"]) == INDUSTRY_NONE:
        return False
    left, right = pair.get("address_tokens_l"), pair.get("address_tokens_r")
    if left is None or right is None:
        return False
    left_set, right_set = set(left), set(right)
    if len(left_set) < 2 or len(right_set) < 2:
        return False
    return len(left_set & right_set) / len(left_set | right_set) >= STRONG_OVERLAP


DECISION_COLUMNS = (
    "unique_id_l",
    "unique_id_r",
    "match_probability",
    "gamma_brand",
    "gamma_industry",
    "gamma_street_number",
    "gamma_address_tokens",
    "city_l",
    "city_r",
    "place_l",
    "place_r",
    "street_l",
    "street_r",
    "number_l",
    "number_r",
    "brand_native_l",
    "brand_native_r",
    "address_tokens_l",
    "address_tokens_r",
)


def _plain(value: Any) -> Any:
    """pandas' missing values (None, NaN, NA) as None."""
    if value is None or isinstance(value, str | list | tuple):
        return value
    if hasattr(value, "tolist"):  # an array column (address tokens)
        listed = value.tolist()
        if isinstance(listed, list):
            return listed
    return None if pd.isna(value) else value


def decide(incoming_ids: list[int], pairs: pd.DataFrame) -> dict[int, Outcome]:
    """Turn scored pairs into one outcome per incoming record."""
    outcomes = {uid: Outcome(status="new") for uid in incoming_ids}
    if pairs is None or pairs.empty:
        return outcomes
    columns = [c for c in DECISION_COLUMNS if c in pairs.columns]
    by_row: dict[int, list[dict[str, Any]]] = {}
    for values in zip(
        *(pairs[c].tolist() for c in columns), strict=True
    ):  # plain Python: fast for 10^6 pairs
        pair = {c: _plain(v) for c, v in zip(columns, values, strict=True)}
        by_row.setdefault(int(pair["unique_id_l"]), []).append(pair)
    for uid, group in by_row.items():
        group.sort(key=lambda p: -float(p["match_probability"]))
        candidates: list[Candidate] = []
        seen: set[int] = set()
        for pair in group:
            facility_id = int(pair["unique_id_r"])
            if facility_id in seen:
                continue
            seen.add(facility_id)
            brand_level = int(pair["gamma_brand"]) if pair.get("gamma_brand") is not None else -1
            if pair.get("brand_native_l") and pair.get("brand_native_l") == pair.get("brand_native_r"):
                brand_level = BRAND_EXACT  # the same characters: the strongest brand evidence there is
            candidates.append(
                Candidate(
                    facility_id=facility_id,
                    probability=float(pair["match_probability"]),
                    brand_level=brand_level,
                    native_brand_differs=_native_brand_differs(pair),
                    address_contradicts=_contradicts(pair),
                    same_name_same_city=_same_name_same_city(pair),
                    same_name_same_address=_same_name_same_address(pair),
                    industry_level=int(pair["gamma_industry"])
                    if pair.get("gamma_industry") is not None
                    else -1,
                )
            )
            if len(candidates) >= MAX_CANDIDATES:
                break
        outcome = outcomes.setdefault(uid, Outcome(status="new"))
        best = candidates[0]
        # Only a candidate whose Chinese brand characters do not differ can be matched automatically; a homophone
        # brand (another company) may still be the best-scored candidate and send the row to review.
        same_company = [c for c in candidates if not c.native_brand_differs]
        chosen = same_company[0] if same_company else None
        # A runner-up only makes the chosen candidate ambiguous when it could be the same company (brand similar);
        # a different company at the same address is not a rival.
        runner_up = max((c.probability for c in same_company[1:] if c.brand_level >= 1), default=0.0)
        # A brand that is only similar, with no trade word in common, is a neighbour with a look-alike name.
        strong = [c for c in same_company if c.same_name_same_address and not c.address_contradicts]
        same_written_otherwise = len(strong) == 1 and strong[0] is chosen and runner_up < AUTO_MATCH
        if chosen is not None and (
            same_written_otherwise
            or (
                chosen.probability >= AUTO_MATCH
                and chosen.brand_level >= 2
                and not chosen.address_contradicts
                and runner_up < REVIEW
                and not (chosen.brand_level < BRAND_EXACT and chosen.industry_level == INDUSTRY_NONE)
            )
        ):
            outcome.status, outcome.facility_id, best = "matched", chosen.facility_id, chosen
        elif best.probability >= REVIEW or best.same_name_same_city:
            outcome.status = "review"
        else:
            continue
        outcome.score = round(best.probability, 6)
        outcome.candidates = [c for c in candidates if c.probability >= CANDIDATE_FLOOR]
    return outcomes


def match_records(
    incoming: pd.DataFrame,
    existing: pd.DataFrame,
    *,
    db_api: Any = None,
    parameters: Parameters | None = None,
) -> dict[int, Outcome]:
    return decide(
        list(incoming["unique_id"]), score_pairs(incoming, existing, db_api=db_api, parameters=parameters)
    )
