"""The parser: pages of PageContent -> one Issue, through a named, ordered chain of rules."""
