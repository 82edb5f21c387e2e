"""The pipeline is assembled the spaCy way: versioned factories found through entry points,
declared requires/assigns that spaCy's analysis accepts, the config read with spaCy's config
system and settings applied as overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from parleys.errors import ModelError, SettingsError
from parleys.extract.pipeline import CONFIG_PATH, PIPELINE_VERSION, load_pipeline, pipeline_config
from parleys.settings import Settings

FACTORIES = (
    "parleys_person_mentions_v1",
    "parleys_coreference_v1",
    "parleys_name_check_v1",
    "parleys_persons_v2",
    "parleys_organizations_v1",
    "parleys_topics_v1",
    "parleys_events_v1",
)
PIPES = [
    "parleys_person_mentions",
    "parleys_coreference",
    "parleys_name_check",
    "parleys_persons",
    "parleys_organizations",
    "parleys_topics",
    "parleys_events",
]


def test_extract_pipeline_factories_come_from_entry_points():
    registered = spacy.util.registry._entry_point_factories.get_entry_points()
    assert set(FACTORIES) <= set(registered)
    nlp = spacy.blank("en")  # a new Language imports every entry point's module
    assert all(nlp.has_factory(name) for name in FACTORIES)


@pytest.mark.model
def test_extract_pipeline_order_and_analysis_have_no_problem(extractor):
    names = extractor.nlp.pipe_names
    assert names[-len(PIPES) :] == PIPES
    analysis = extractor.nlp.analyze_pipes(pretty=False)
    assert all(problems == [] for problems in analysis["problems"].values()), analysis["problems"]
    assert extractor.version.startswith(PIPELINE_VERSION + "+")


def test_extract_pipeline_settings_reach_components_as_overrides(tmp_path):
    plain = pipeline_config(Settings.load(config_file=None))
    assert plain["components"]["parleys_person_mentions"]["lexicon_dir"] is None
    assert [plain["components"][n]["factory"] for n in plain["nlp"]["components"]] == list(FACTORIES)
    mine = pipeline_config(Settings.load(config_file=None, lexicon_dir=str(tmp_path)))
    assert mine["components"]["parleys_person_mentions"]["lexicon_dir"] == str(tmp_path)


def test_extract_pipeline_bad_config_is_a_settings_error(tmp_path):
    broken = tmp_path / "pipeline.cfg"
    broken.write_text(CONFIG_PATH.read_text("utf-8").replace("[components]", "[components", 1), "utf-8")
    with pytest.raises(SettingsError, match="pipeline config"):
        pipeline_config(Settings.load(config_file=None), config=broken)


@pytest.mark.model
def test_extract_pipeline_unknown_factory_names_what_to_install(tmp_path):
    unknown = tmp_path / "pipeline.cfg"
    unknown.write_text(
        CONFIG_PATH.read_text("utf-8").replace("parleys_events_v1", "parleys_events_v9"), "utf-8"
    )
    with pytest.raises(ModelError, match="pip install"):
        load_pipeline(Settings.load(config_file=None), config=Path(unknown))


@pytest.mark.model
def test_extract_pipeline_persons_steps_chain_what_each_assigns(extractor):
    """The persons work runs as four steps: each reads what an earlier step assigns."""
    meta = {name: extractor.nlp.get_pipe_meta(name) for name in PIPES[:4]}
    assigned: set[str] = set()
    for name in PIPES[:4]:
        needs = {r for r in meta[name].requires if r.startswith("doc._.")}
        assert needs <= assigned, (name, needs - assigned)
        assigned |= set(meta[name].assigns)
    assert {
        "doc._.mentions",
        "doc._.titles",
        "doc._.places",
        "doc._.person_clusters",
        "doc._.persons",
    } <= assigned
    doc = extractor.nlp("Speaker of the Senate Orvel Tandrick met Ambassador Quilla Marsden in Rome.")
    assert [p.key for p in doc._.person_clusters] == [p.key for p in doc._.persons]
    assert {m.person for m in doc._.mentions} == {p.key for p in doc._.persons}
