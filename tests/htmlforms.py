"""Read a page's forms the way a browser would submit them unchanged, and its tables as a reader sees them."""
from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea, self._options = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": {},
                          "options": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"][a["name"]] = a.get("value", "y")
            elif kind not in ("submit", "button", "file"):
                self._form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["options"][self._select] = []
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._form["options"][self._select].append(value)
            if "selected" in a or self._select not in self._form["fields"]:
                self._form["fields"][self._select] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"][self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            if not self._form["fields"][self._textarea]:  # browsers drop the newline after <textarea>
                data = data[2:] if data.startswith("\r\n") else data[1:] if data.startswith("\n") else data
            self._form["fields"][self._textarea] += data


def forms(html):
    """Every form of the page: {"action", "method", "fields": {name: value as submitted}, "options": {select: [values]}}."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_with(html, field):
    """The first form of the page that has ``field``."""
    return next(f for f in forms(html) if field in f["fields"] or field in f["options"])


class _Table(HTMLParser):
    """The rows of one table of a page: (the row's class, [(cell text, colspan)])."""

    def __init__(self, table_id):
        super().__init__(convert_charrefs=True)
        self.table_id, self.depth, self.rows, self._cell = table_id, 0, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and (self.depth or a.get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append((a.get("class") or "", []))
        elif self.depth and tag in ("td", "th"):
            self._cell = ["", int(a.get("colspan", 1))]

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self._cell is not None and tag in ("td", "th"):
            self.rows[-1][1].append((" ".join(self._cell[0].split()), self._cell[1]))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data


def table_rows(html, table_id):
    """The rows of the table ``table_id`` of a page: (the row's class, [(cell text, colspan)])."""
    parser = _Table(table_id)
    parser.feed(html)
    return parser.rows
