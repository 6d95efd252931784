"""What the tests on the demo's cases share: a server on a fresh copy of the demo database
with a user at Ale kommun (the other organiser, who must see none of Borås kommun's
work), signing in, Borås kommun's case, and reading a page as its reader does (entities
as the characters they stand for)."""
import html
from harness import Server, demo_db, query, run_cli
from harness import contains as contains_raw

BORAS = "2120001561"
ALE = "2120001439"


def contains(haystack, needle, what=""):
    contains_raw(html.unescape(haystack), needle, what)


class DemoCases:
    def __init__(self, tmp, with_data=False):
        self.db = demo_db(tmp, with_data=with_data)
        run_cli(["user", "add", "--email", "ale@exempel.se", "--name", "Nils Ek", "--role", "organiser",
                 "--organiser", ALE], db=self.db, stdin="samverkan-demo-2026\n")
        self.srv = Server(self.db)

    def stop(self):
        self.srv.stop()

    def login(self, email):
        c = self.srv.client()
        c.login(email)
        return c

    def case(self, orgnr=BORAS):
        return query(self.db, f"SELECT c.id FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                              f" WHERE o.orgnr = '{orgnr}'")
