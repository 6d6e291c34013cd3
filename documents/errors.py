"""The one exception documents raise for things a person must fix (a missing font, key, or signature field)."""


class DocumentError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
