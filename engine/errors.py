"""Refusals the engine raises; the web layer maps them to 4xx pages with the Chinese message."""


class EngineError(Exception):
    """Base class: message is user-facing Chinese text; detail is for logs."""
    http_status = 400

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class DeployError(EngineError):
    """Invalid BPMN/DMN/forms; errors is a list of '元素 X: 问题' lines, each naming the element."""
    http_status = 422

    def __init__(self, errors: list[str]):
        super().__init__("流程定义校验失败：\n" + "\n".join(errors))
        self.errors = errors


class NotFound(EngineError):
    http_status = 404


class Conflict(EngineError):
    """Someone else changed the instance or task first (optimistic lock, claim race, already completed)."""
    http_status = 409


class Forbidden(EngineError):
    http_status = 403


class ValidationFailed(EngineError):
    """Form data does not satisfy the task's JSON Schema; errors maps field path -> message."""
    http_status = 422

    def __init__(self, errors: dict[str, str]):
        super().__init__("表单有误，请修改后再提交。")
        self.errors = errors
