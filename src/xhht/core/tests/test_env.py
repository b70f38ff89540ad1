import pytest

from xhht.env import ConfigError, env_bool, env_int, env_list


def test_env_bool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.delenv("X_FLAG")
    assert env_bool("X_FLAG", True) is True


def test_a_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ConfigError, match="X_FLAG"):
        env_bool("X_FLAG", False)
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ConfigError, match="X_NUM"):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("X_NUM", 1, minimum=1)


def test_env_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_HOSTS", "a.gov.vn, b.gov.vn,")
    assert env_list("X_HOSTS", []) == ["a.gov.vn", "b.gov.vn"]


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path: object) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import xhht.settings"],
        env={"PATH": "/usr/bin:/bin", "XHHT_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "XHHT_SECRET_KEY" in result.stderr
