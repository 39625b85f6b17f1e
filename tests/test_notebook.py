"""Jupyter notebooks: read as one program, magics masked, positions per cell as Ruff gives them,
fixes and `# noqa` comments written back into the cells with every other byte kept."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli
from nncheck.diagnostics import Position
from nncheck.discover import SourceError, load_source, read_source
from nncheck.notebook import NotebookError, read_notebook

ROOT = Path(__file__).resolve().parent.parent


def code(source, number: int = 1, **extra) -> dict:
    cell = {"cell_type": "code", "execution_count": number, "metadata": {}, "outputs": [], "source": source}
    cell.update(extra)
    return cell


def markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": [text]}


def notebook(*cells: dict, indent: int | None = 1, ensure_ascii: bool = False, metadata=None) -> str:
    data = {
        "cells": list(cells),
        "metadata": metadata if metadata is not None else {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(data, indent=indent, ensure_ascii=ensure_ascii) + "\n"


def lines(text: str) -> list[str]:
    """A cell's source as nbformat stores it: lines with their newlines, the last without."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# The notebook Ruff 0.17.6 was run on (`ruff check --select F821 t.ipynb`); `undefinedN` are the
# names it reported, with the positions below; `flagme` stands at the same places for NN998.
RUFF_CELLS = [
    markdown("# title\n"),
    code(["a = flagme\n", "%matplotlib inline\n", "b = flagme"]),
    code(["%%bash\n", "c = flagme\n"]),
    code(["%%time\n", "d = flagme\n"]),
    code(["x = !ls\n", "e = flagme\n", "def f():\n", "    return flagme\n"]),
    {"cell_type": "raw", "metadata": {}, "source": ["import zz\n"]},
    code("np.exp?\nf = flagme  # noqa: NN998\ng =  flagme\n"),
    code([]),
    code(["%%capture\n", "h = flagme"]),
    code(["%%writefile x.py\n", "h = flagme"]),
    code(["%%timeit\n", "h = flagme"]),
    code(["h = flagme\n", "%%time\n"]),
]
# Ruff: t.ipynb:cell 2:1:5, cell 2:3:5, cell 4:2:5, cell 5:2:5, cell 5:4:12, cell 7:3:6,
# cell 9:2:5, cell 11:2:5, cell 12:1:5 (undefined3 under %%bash and undefined10 under
# %%writefile are not Python; undefined7 is under a noqa).
RUFF_POSITIONS = [
    "cell 2:1:5", "cell 2:3:5", "cell 4:2:5", "cell 5:2:5", "cell 5:4:12", "cell 7:3:6",
    "cell 9:2:5", "cell 11:2:5", "cell 12:1:5",
]


def test_positions_are_ruffs_and_magics_are_not_syntax_errors(project: Path, flagme) -> None:
    (project / "t.ipynb").write_text(notebook(*RUFF_CELLS), encoding="utf-8")
    result = invoke("--select", "NN998,NN900", "t.ipynb")
    found = [line.split(": NN998")[0].removeprefix("t.ipynb:") for line in result.stdout.splitlines() if "NN998" in line]
    assert found == RUFF_POSITIONS
    assert "NN900" not in result.stdout
    assert result.exit_code == 1


def test_the_program_is_the_code_cells_in_order() -> None:
    nb = read_notebook(notebook(markdown("x"), code(lines("import numpy as np")), code(lines("y = np.ones(2)\nz = y"))))
    assert nb.program.splitlines() == ["import numpy as np", "# <nncheck-cell 1>", "y = np.ones(2)", "z = y"]
    assert [cell.number for cell in nb.cells] == [2, 3]
    assert nb.locate(Position(4, 3)) == (3, Position(2, 3))
    assert nb.where(Position(1, 8)) == "cell 2:1:8"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("%matplotlib inline", "pass"),
        ("!pip install numpy", "pass"),
        ("files = !ls", "files = ..."),
        ("a, b = %sx echo", "a, b = ..."),
        ("np.exp?", "pass"),
        ("np.exp??", "pass"),
        ("?np.exp", "pass"),
    ],
)
def test_ipython_syntax_is_masked_in_place(line: str, masked: str) -> None:
    nb = read_notebook(notebook(code(lines(f"x = 1\n{line}\ny = 2"))))
    program = nb.program.splitlines()
    assert program[0] == "x = 1" and program[2] == "y = 2"
    assert program[1].startswith(masked + "  # <nncheck-magic ")
    compile(nb.program, "nb", "exec")


def test_indented_magics_and_continuations() -> None:
    nb = read_notebook(notebook(code(lines("for i in range(2):\n    %time train(i)\n!echo a \\\n  b\ny = 1"))))
    assert nb.program.splitlines() == [
        "for i in range(2):",
        "    pass  # <nncheck-magic 1>",
        "pass  # <nncheck-magic 2>",
        "# <nncheck-magic 2>",
        "y = 1",
    ]
    compile(nb.program, "nb", "exec")
    assert nb.cell_texts(nb.program) == [nb.cells[0].text]


def test_percent_and_bang_inside_code_are_left_alone() -> None:
    text = 'x = (1\n     % 2)\ns = """\n!not a shell line\n%d\n"""\ny = x != 3\nz = 5 % 2'
    nb = read_notebook(notebook(code(lines(text))))
    assert nb.program == text + "\n"
    assert not nb.masks


def test_a_non_python_notebook_has_no_program() -> None:
    nb = read_notebook(notebook(code(["library(ggplot2)\n"]), metadata={"kernelspec": {"language": "R", "name": "ir"}}))
    assert nb.program == "" and nb.cells == ()


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("{not json", "not a valid Jupyter notebook: invalid JSON (Expecting property name enclosed in double quotes at line 1, column 2)"),
        ("[1, 2]", "not a valid Jupyter notebook: the JSON is not an object"),
        ("", "not a valid Jupyter notebook: the file is empty"),
        ('{"nbformat": 3, "worksheets": []}', "not a Jupyter notebook in nbformat 4 (nbformat is 3)"),
        ('{"cells": []}', "not a Jupyter notebook in nbformat 4 (nbformat is missing)"),
        ('{"nbformat": 4, "cells": {}}', "not a valid Jupyter notebook: 'cells' is not a list"),
        ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}', "the source of cell 1 is not text"),
    ],
)
def test_bad_notebooks_are_one_clear_line(tmp_path: Path, raw: str, says: str) -> None:
    with pytest.raises(NotebookError, match=None) as raised:
        read_notebook(raw, "bad.ipynb")
    assert str(raised.value).startswith("bad.ipynb: ") and says in str(raised.value)
    path = tmp_path / "bad.ipynb"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(SourceError):
        load_source(path, "bad.ipynb")


def test_a_bad_notebook_is_exit_2_and_the_others_are_checked(project: Path, flagme) -> None:
    (project / "bad.ipynb").write_text('{"nbformat": 3}', encoding="utf-8")
    (project / "good.ipynb").write_text(notebook(code(["flagme = 1\n"])), encoding="utf-8")
    result = invoke("--select", "NN998", ".")
    assert result.exit_code == 2
    assert "good.ipynb:cell 1:1:1: NN998" in result.stdout
    assert "nncheck: error: bad.ipynb: not a Jupyter notebook in nbformat 4 (nbformat is 3)" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_reads_a_notebook_as_the_checker_does(project: Path) -> None:
    script = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")
    cells = [code(lines(block.strip("\n"))) for block in script.split("\n\n\n")]
    cells[0]["source"].insert(0, "%matplotlib inline\n")
    (project / "net.ipynb").write_text(notebook(markdown("m"), *cells), encoding="utf-8")
    result = invoke("--demo", "net.ipynb")
    assert "What nncheck finds in net.ipynb" in result.output
    assert "NN302" in result.output and "NN900" not in result.output
    assert "Cannot train" not in result.output and "Fixed (every finding's fix applied)" in result.output


def test_line_numbers_in_messages_are_cell_lines(project: Path) -> None:
    script = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")
    cells = [code(lines(block.strip("\n"))) for block in script.split("\n\n\n")]
    (project / "net.ipynb").write_text(notebook(markdown("m"), *cells), encoding="utf-8")
    out = invoke("--select", "NN103", "net.ipynb").stdout
    # The call the message names is `nonlin(self.output, deriv=True)`, row 15 of cell 4.
    assert "called with an array at cell 4, line 15 (`nonlin(self.output, deriv=True)`)" in out
    assert " at line " not in out
    nb = read_notebook(notebook(code(["a = 1\n", "b = 2\n"]), code(["c = 3\n"])))
    assert nb.localize("see line 4; inline 4; line 99; baseline 2") == "see cell 2, line 1; inline 4; line 99; baseline 2"


def test_read_source_gives_the_demo_the_same_program(tmp_path: Path) -> None:
    path = tmp_path / "net.ipynb"
    path.write_text(notebook(code(lines("import numpy as np\n%matplotlib inline")), code(["X = np.eye(2)"])), encoding="utf-8")
    assert read_source(path) == load_source(path).text == load_source(path).notebook.program
    assert read_source(path).startswith("import numpy as np\npass  # <nncheck-magic 1>\n")


# -- fixes -------------------------------------------------------------------------------------


def _assert_only_sources_changed(before: str, after: str) -> None:
    old, new = json.loads(before), json.loads(after)
    assert list(old) == list(new)
    assert old["metadata"] == new["metadata"]
    for a, b in zip(old["cells"], new["cells"]):
        assert list(a) == list(b)
        assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}


@pytest.mark.parametrize("indent", [1, 2, None])
@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_fix_rewrites_only_the_changed_cells(project: Path, flagme, indent, ensure_ascii) -> None:
    outputs = [{"name": "stdout", "output_type": "stream", "text": ["é ok\n"]}]
    raw = notebook(
        markdown("# Café"),
        code(lines("%matplotlib inline\nflagme = 1\nprint(flagme)  # é"), outputs=outputs),
        code(lines("untouched = 'é'")),
        code("as_string = flagme\n"),
        indent=indent,
        ensure_ascii=ensure_ascii,
    )
    path = project / "net.ipynb"
    path.write_text(raw, encoding="utf-8")
    result = invoke("--select", "NN998", "--fix", "net.ipynb")
    assert result.exit_code == 0, result.output
    fixed = path.read_text(encoding="utf-8")
    _assert_only_sources_changed(raw, fixed)
    cells = json.loads(fixed)["cells"]
    assert cells[1]["source"] == lines("%matplotlib inline\nok = 1\nprint(ok)  # é")
    assert cells[3]["source"] == "as_string = ok\n"
    # Every byte outside the edited cells' sources is as it was: the file is what the same
    # writer (json.dumps with the same settings) makes of the notebook with the new sources.
    data = json.loads(raw)
    data["cells"][1]["source"] = cells[1]["source"]
    data["cells"][3]["source"] = cells[3]["source"]
    assert fixed == json.dumps(data, indent=indent, ensure_ascii=ensure_ascii) + "\n"
    assert invoke("--select", "NN998", "net.ipynb").exit_code == 0


def test_every_fix_of_the_question_notebook_is_written_back(project: Path) -> None:
    # The real rules' fixes, the unsafe ones too: one inserts a `sigmoid` helper after the
    # imports (at the end of the first cell), others rewrite lines in later cells.
    script = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")
    cells = [code(lines(block.strip("\n")), number) for number, block in enumerate(script.split("\n\n\n"), 1)]
    cells[1]["source"][:0] = ["%matplotlib inline\n", "!pip list | head -1\n"]
    cells[1]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["Package Version\n"]}]
    raw = notebook(markdown("# The question"), *cells)
    path = project / "net.ipynb"
    path.write_text(raw, encoding="utf-8")
    fixed = invoke("--fix", "--unsafe-fixes", "net.ipynb")
    assert fixed.exit_code == 0, fixed.output
    after = path.read_text(encoding="utf-8")
    _assert_only_sources_changed(raw, after)
    new_cells = json.loads(after)["cells"]
    assert new_cells[2]["source"][:2] == ["%matplotlib inline\n", "!pip list | head -1\n"]
    assert any("def sigmoid" in line for line in new_cells[1]["source"])
    assert invoke("net.ipynb").stdout == "All checks passed!\n"
    assert invoke("--fix", "--unsafe-fixes", "net.ipynb").exit_code == 0
    assert path.read_text(encoding="utf-8") == after  # a second --fix changes nothing


def test_diff_shows_each_changed_cell(project: Path, flagme) -> None:
    (project / "net.ipynb").write_text(notebook(markdown("x"), code(lines("a = 1\nflagme = 2")), code(["b = 3\n"])), encoding="utf-8")
    result = invoke("--select", "NN998", "--diff", "net.ipynb")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- net.ipynb:cell 2\n+++ net.ipynb:cell 2\n@@ -1,2 +1,2 @@\n a = 1\n-flagme = 2\n+ok = 2\n"
    )


def test_a_fix_on_a_magic_line_is_not_offered(project: Path, flagme) -> None:
    raw = notebook(code(lines("flagme = !ls\nflagme")))
    (project / "net.ipynb").write_text(raw, encoding="utf-8")
    result = invoke("--select", "NN998", "--fix", "net.ipynb")
    # The name on the masked line is the program's `flagme = ...`: reported, but not rewritten.
    assert "net.ipynb:cell 1:1:1: NN998 name" in result.stdout
    assert (project / "net.ipynb").read_text(encoding="utf-8") != raw  # line 2 was fixed
    assert json.loads((project / "net.ipynb").read_text(encoding="utf-8"))["cells"][0]["source"] == lines("flagme = !ls\nok")


def test_noqa_in_a_cell(project: Path, flagme) -> None:
    (project / "net.ipynb").write_text(notebook(code(["flagme = 1  # noqa: NN998\n"]), code(["flagme\n"])), encoding="utf-8")
    result = invoke("--select", "NN998", "net.ipynb")
    assert result.stdout.splitlines()[0].startswith("net.ipynb:cell 2:1:1: NN998")
    assert "Found 1 problem." in result.stdout


def test_add_noqa_writes_into_the_cells(project: Path, flagme) -> None:
    raw = notebook(code(lines("%time x = 1\nflagme = 2")), code(["y = 3\n"]))
    (project / "net.ipynb").write_text(raw, encoding="utf-8")
    result = invoke("--select", "NN998", "--add-noqa", "net.ipynb")
    assert result.exit_code == 0 and result.stderr == "Added 1 noqa directive.\n"
    fixed = (project / "net.ipynb").read_text(encoding="utf-8")
    _assert_only_sources_changed(raw, fixed)
    assert json.loads(fixed)["cells"][0]["source"] == lines("%time x = 1\nflagme = 2  # noqa: NN998")
    assert invoke("--select", "NN998", "net.ipynb").exit_code == 0


def test_stdin_notebook_by_its_name(project: Path, flagme) -> None:
    raw = notebook(markdown("m"), code(["flagme = 1\n"]))
    result = invoke("--select", "NN998", "-", "--stdin-filename", "net.ipynb", input=raw)
    assert result.exit_code == 1
    assert result.stdout.startswith("net.ipynb:cell 2:1:1: NN998")
    # --fix on stdin prints the fixed notebook, and the report on stderr.
    fixed = invoke("--select", "NN998", "--fix", "-", "--stdin-filename", "net.ipynb", input=raw)
    assert json.loads(fixed.stdout)["cells"][1]["source"] == ["ok = 1\n"]
    assert "1 fixed" in fixed.stderr
    # Without the suffix, the JSON is read as Python (a dict display): no false notebook pass.
    bad = invoke("--select", "NN900", "-", "--stdin-filename", "net.ipynb", input="{oops")
    assert bad.exit_code == 2 and "invalid JSON" in bad.stderr


def test_json_github_and_sarif_positions(project: Path, flagme) -> None:
    raw = notebook(markdown("m"), code(["a = 1\n", "b = flagme\n"]))
    (project / "net.ipynb").write_text(raw, encoding="utf-8")
    data = json.loads(invoke("--select", "NN998", "--output-format", "json", "net.ipynb").stdout)
    assert data[0]["cell"] == 2
    assert data[0]["location"] == {"row": 2, "column": 5} and data[0]["noqa_row"] == 2
    assert data[0]["fix"]["edits"][0]["location"] == {"row": 2, "column": 5}
    # GitHub and SARIF annotate the file itself: the JSON line and column of that character.
    raw_lines = raw.splitlines()
    line = next(number for number, text in enumerate(raw_lines, 1) if '"b = flagme\\n"' in text)
    column = raw_lines[line - 1].index("flagme") + 1
    github = invoke("--select", "NN998", "--output-format", "github", "net.ipynb").stdout
    assert f"line={line},col={column}," in github and "::net.ipynb:cell 2:2:5: NN998" in github
    sarif = json.loads(invoke("--select", "NN998", "--output-format", "sarif", "net.ipynb").stdout)
    where = sarif["runs"][0]["results"][0]["locations"][0]
    assert where["physicalLocation"]["region"]["startLine"] == line
    assert where["physicalLocation"]["region"]["startColumn"] == column
    assert where["message"]["text"] == "net.ipynb:cell 2:2:5"


def test_full_format_shows_the_cell_lines(project: Path, flagme) -> None:
    (project / "net.ipynb").write_text(notebook(markdown("m"), code(lines("%matplotlib inline\nb = flagme"))), encoding="utf-8")
    out = invoke("--select", "NN998", "--output-format", "full", "net.ipynb").stdout
    assert " --> net.ipynb:cell 2:2:5\n  |\n1 | %matplotlib inline\n2 | b = flagme\n  |     ^^^^^^\n  |\n" in out
