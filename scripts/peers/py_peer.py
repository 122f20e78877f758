"""One Python peer over a plain-text file, as a whole process: read the file,
hand each paragraph (the text between blank lines: one article body of
scripts/news-text.py's output) to the peer, and write one line per result
to standard output, tab-separated: the character offset in the file where
the result starts, the text it covers, and what the peer made of it.

    python py_peer.py quantulum3 FILE    # quantulum3.parser.parse
    python py_peer.py recognizers FILE   # recognizers_number's English number model

Run by scripts/bench-peers.sh inside the venv scripts/bench.sh makes
(quantulum3, recognizers-text-number, emoji<1.0); not part of the test
suite. Only the peer named is imported, so its import and model loading
count in the process's time, as the catalog's load counts in ours.
"""
import sys
import warnings

warnings.filterwarnings("ignore")


def paragraphs(text):
    """(offset, paragraph) for each part of the text between two newlines
    in a row (how scripts/news-text.py separates the bodies), blank parts
    left out."""
    at = 0
    for para in text.split("\n\n"):
        if para.strip():
            yield at, para
        at += len(para) + 2


def one_line(s):
    """A result's text on one line: its newlines and tabs as spaces."""
    return s.replace("\n", " ").replace("\t", " ")


def quantulum3(text, out):
    from quantulum3 import parser

    found = 0
    for at, para in paragraphs(text):
        for q in parser.parse(para):
            out.write(f"{at + q.span[0]}\t{one_line(q.surface)}\t{q.value} {q.unit.name}\n")
            found += 1
    return found


def recognizers(text, out):
    from recognizers_number import Culture, NumberRecognizer

    # The model recognize_number builds, built once (recognize_number makes
    # a recognizer at every call: 10 % more time here).
    model = NumberRecognizer(Culture.English).get_number_model()
    found = 0
    for at, para in paragraphs(text):
        for r in model.parse(para):
            value = (r.resolution or {}).get("value")
            out.write(f"{at + r.start}\t{one_line(r.text)}\t{value}\n")
            found += 1
    return found


def main():
    peer, path = sys.argv[1], sys.argv[2]
    run = {"quantulum3": quantulum3, "recognizers": recognizers}[peer]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    found = run(text, sys.stdout)
    print(f"{peer}: {found} results", file=sys.stderr)


if __name__ == "__main__":
    main()
