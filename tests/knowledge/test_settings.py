"""Configuration of the language-model endpoint from the environment."""
import pytest

from knowledge.errors import BadInput
from knowledge.settings import Settings


def test_without_an_endpoint_there_is_no_model():
    settings = Settings.from_env({})
    assert settings.llm_base_url is None and settings.llm_timeout == 60.0


def test_an_endpoint_is_read_with_its_model_key_and_timeout_and_the_key_is_never_printed():
    settings = Settings.from_env({
        "TROLY_LLM_BASE_URL": "http://127.0.0.1:11434/v1", "TROLY_LLM_MODEL": "qwen2.5:7b-instruct",
        "TROLY_LLM_API_KEY": "khoa-bi-mat", "TROLY_LLM_TIMEOUT": "12.5",
    })
    assert (settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout) == (
        "http://127.0.0.1:11434/v1", "qwen2.5:7b-instruct", "khoa-bi-mat", 12.5)
    assert "khoa-bi-mat" not in repr(settings)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"TROLY_LLM_BASE_URL": "http://127.0.0.1:8000/v1"}, "TROLY_LLM_MODEL"),
        ({"TROLY_LLM_TIMEOUT": "mười"}, "TROLY_LLM_TIMEOUT"),
        ({"TROLY_LLM_TIMEOUT": "-1"}, "TROLY_LLM_TIMEOUT"),
    ],
)
def test_a_bad_model_configuration_is_refused_with_its_variable_named(env, message):
    with pytest.raises(BadInput, match=message):
        Settings.from_env(env)


def test_without_a_chroma_url_the_vectors_stay_embedded_and_a_server_address_is_kept():
    assert Settings.from_env({}).chroma_url is None
    assert Settings.from_env({"TROLY_CHROMA_URL": " http://10.0.0.5:8000/ "}).chroma_url == "http://10.0.0.5:8000"
    assert Settings.from_env({"TROLY_CHROMA_URL": "https://chroma.ubnd.example.vn"}).chroma_url == "https://chroma.ubnd.example.vn"


@pytest.mark.parametrize(
    "url",
    ["127.0.0.1:8000", "ftp://127.0.0.1:8000", "http://", "http://127.0.0.1:tám", "http://127.0.0.1:70000",
     "http://127.0.0.1:8000/api/v2", "http://127.0.0.1:8000?db=troly"],
)
def test_a_malformed_chroma_url_is_refused_with_its_variable_named(url):
    with pytest.raises(BadInput, match="TROLY_CHROMA_URL phải là địa chỉ máy chủ Chroma"):
        Settings.from_env({"TROLY_CHROMA_URL": url})
def test_the_database_url_chooses_where_the_assistant_keeps_its_state(tmp_path):
    from assistant.database import location

    sqlite = Settings.from_env({"TROLY_DATA_DIR": str(tmp_path)})
    assert sqlite.database_url == "" and location(sqlite, "users") == tmp_path / "users.sqlite3"
    url = "postgresql://troly:mat-khau@db.xa.local:5432/troly"
    shared = Settings.from_env({"TROLY_DATA_DIR": str(tmp_path), "TROLY_DATABASE_URL": f" {url} "})
    assert location(shared, "users") == url and "mat-khau" not in repr(shared)


@pytest.mark.parametrize(
    "url", ["mysql://troly:mat-khau@db/troly", "sqlite:///data/users.sqlite3", "postgresql://db.xa.local:5432", "/data"]
)
def test_a_database_url_other_than_postgresql_is_refused_without_echoing_it(url):
    with pytest.raises(BadInput, match="TROLY_DATABASE_URL") as refused:
        Settings.from_env({"TROLY_DATABASE_URL": url})
    assert "mat-khau" not in str(refused.value) and "postgresql://user:password@host:port/database" in str(refused.value)
