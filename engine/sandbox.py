"""The restricted Python (沙箱) that script tasks, conditions, timer and due-date expressions and DMN cells run in.

RestrictedPython rather than a home-made AST whitelist: its transformer already rewrites every attribute, item,
iteration and unpacking into guard calls and refuses `_`-names, and it is maintained against new Python syntax.
On top of it this module refuses imports, classes, dangerous builtin names and huge format widths at compile
time (so deploy names the element and line), guards `*`, `**`, `<<` and `%` against huge allocations, offers only
a short list of builtins, and bounds execution with a line tracer (steps and wall time) that keeps raising once
tripped, so a script cannot swallow the stop. Residual risk, documented: a single C call is not interrupted.
"""
import ast
import operator
import re
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from RestrictedPython import RestrictingNodeTransformer, compile_restricted_eval, compile_restricted_exec
from RestrictedPython.Guards import full_write_guard, guarded_iter_unpack_sequence, guarded_unpack_sequence
from SpiffWorkflow.bpmn.script_engine import TaskDataEnvironment

from .errors import EngineError

MAX_STEPS = 200_000       # traced lines per script or expression
MAX_SECONDS = 2.0
MAX_ITEMS = 1_000_000     # longest sequence `*` or range() may build
MAX_INT_BITS = 100_000
FILENAME = "<string>"     # the name Spiff looks for to report the failing line
FORBIDDEN_NAMES = frozenset({
    "open", "eval", "exec", "compile", "getattr", "setattr", "delattr", "hasattr", "globals", "vars", "type",
    "breakpoint", "input", "help", "dir", "memoryview", "super", "object", "classmethod", "staticmethod",
    "property", "exit", "quit", "print", "format", "__import__", "__builtins__"})
FORBIDDEN_ATTRIBUTES = frozenset({   # non-underscore ways out of the sandbox or into huge allocations
    "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "f_globals", "f_locals", "f_builtins",
    "f_back", "f_code", "tb_frame", "tb_next", "co_code", "func_globals", "mro", "format", "format_map",
    "ljust", "rjust", "center", "zfill", "expandtabs"})
HUGE_WIDTH = re.compile(r"\d{5,}|\*")


class ScriptRefused(EngineError):
    """A script or expression broke a sandbox rule; the step fails and the case stays as it was."""


class _Stop(BaseException):
    """Raised by the tracer; BaseException so `except Exception` in a script cannot catch it."""


class _Policy(RestrictingNodeTransformer):
    def visit_Import(self, node):
        self.error(node, "不允许 import 语句")
        return node

    visit_ImportFrom = visit_Import

    def visit_ClassDef(self, node):
        self.error(node, "不允许定义类")
        return node

    def visit_Global(self, node):
        self.error(node, "不允许 global/nonlocal")
        return node

    visit_Nonlocal = visit_Global

    def visit_Name(self, node):
        if node.id in FORBIDDEN_NAMES:
            self.error(node, f"不允许使用「{node.id}」")
        return super().visit_Name(node)

    def visit_Attribute(self, node):
        if node.attr in FORBIDDEN_ATTRIBUTES:
            self.error(node, f"不允许访问属性「{node.attr}」")
        return super().visit_Attribute(node)

    def visit_FormattedValue(self, node):
        spec = node.format_spec
        if spec is not None and not all(isinstance(v, ast.Constant) and not HUGE_WIDTH.search(str(v.value))
                                         for v in spec.values):
            self.error(node, "f-string 的格式宽度只能是较小的常量")
        return super().visit_FormattedValue(node)

    def visit_BinOp(self, node):
        node = super().visit_BinOp(node)
        guard = {ast.Add: "_add_", ast.Mult: "_mul_", ast.Pow: "_pow_", ast.LShift: "_lshift_", ast.Mod: "_mod_"}.get(type(node.op))
        if guard is None:
            return node
        func = ast.copy_location(ast.Name(guard, ast.Load()), node)
        return ast.copy_location(ast.Call(func=func, args=[node.left, node.right], keywords=[]), node)


def _chinese(errors) -> str:
    lines = []
    for err in errors:
        match = re.match(r"Line (\d+): (.*)", err)
        line, text = (match.group(1), match.group(2)) if match else ("?", err)
        if "starts with \"_\"" in text or "invalid attribute name" in text or "invalid variable name" in text:
            text = f"不允许使用以下划线开头的名称或属性（{text}）"
        lines.append(f"第 {line} 行：{text}")
    return "；".join(lines)


@lru_cache(maxsize=2048)
def compile_checked(source: str, mode: str):
    """The restricted code object, or ScriptRefused naming the line; mode is "exec" or "eval"."""
    compiler = compile_restricted_exec if mode == "exec" else compile_restricted_eval
    try:
        result = compiler(source, filename=FILENAME, policy=_Policy)
    except SyntaxError as exc:
        raise ScriptRefused(f"第 {exc.lineno} 行：不是有效的 Python（{exc.msg}）") from None
    if result.errors or result.code is None:
        raise ScriptRefused(f"脚本使用了不允许的写法：{_chinese(result.errors)}")
    return result.code


def problems(source: str, mode: str) -> str | None:
    """Deploy's question: what is wrong with this source (None if it may run)."""
    try:
        compile_checked(source, mode)
    except ScriptRefused as exc:
        return exc.message
    return None


def _size(value):
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _mul(a, b):
    for seq, n in ((a, b), (b, a)):
        if _size(seq) is not None and isinstance(n, int) and _size(seq) * n > MAX_ITEMS:
            raise ScriptRefused(f"脚本试图构造过大的数据（超过 {MAX_ITEMS} 项）")
    if isinstance(a, int) and isinstance(b, int) and a.bit_length() + b.bit_length() > MAX_INT_BITS:
        raise ScriptRefused("脚本中的整数运算结果过大")
    return a * b


def _add(a, b):
    if _size(a) is not None and _size(b) is not None and _size(a) + _size(b) > MAX_ITEMS:
        raise ScriptRefused(f"脚本试图构造过大的数据（超过 {MAX_ITEMS} 项）")
    return a + b


def _str_method(text, name):
    """str.join and str.replace can build huge strings in one C call: check the result size first."""
    method = getattr(text, name)

    def checked(*args):
        if name == "join":
            items = list(args[0])
            total = sum(len(i) for i in items if isinstance(i, str)) + len(text) * len(items)
        else:
            old, new = args[0], args[1]
            total = len(text) + (len(text) // max(len(old), 1) + 1) * len(new)
            items = None
        if total > MAX_ITEMS:
            raise ScriptRefused(f"脚本试图构造过大的数据（超过 {MAX_ITEMS} 项）")
        return method(items, *args[1:]) if name == "join" else method(*args)
    return checked


def _pow(a, b):
    if isinstance(a, int) and isinstance(b, int) and abs(a) > 1 and b > 0 and a.bit_length() * b > MAX_INT_BITS:
        raise ScriptRefused("脚本中的乘方结果过大")
    return a ** b


def _lshift(a, b):
    if isinstance(b, int) and b > MAX_INT_BITS:
        raise ScriptRefused("脚本中的移位结果过大")
    return a << b


def _mod(a, b):
    if isinstance(a, (str, bytes)) and re.search(r"%[-#0 +]*(\*|\d{5,})", str(a)):
        raise ScriptRefused("字符串格式宽度过大")
    return a % b


_INPLACE = {"+=": _add, "-=": operator.sub, "*=": _mul, "/=": operator.truediv, "//=": operator.floordiv,
            "%=": _mod, "**=": _pow, "<<=": _lshift, ">>=": operator.rshift, "&=": operator.and_,
            "|=": operator.or_, "^=": operator.xor}


def _inplacevar(op, a, b):
    if op not in _INPLACE:
        raise ScriptRefused(f"不支持的运算 {op}")
    return _INPLACE[op](a, b)


def _getattr(obj, name):
    if not isinstance(name, str) or name.startswith("_") or name in FORBIDDEN_ATTRIBUTES:
        raise ScriptRefused(f"不允许访问属性「{name}」")
    if isinstance(obj, str) and name in ("join", "replace"):
        return _str_method(obj, name)
    return getattr(obj, name)


def _getitem(obj, key):
    if isinstance(key, str) and key.startswith("__"):
        raise ScriptRefused(f"不允许读取「{key}」")
    return obj[key]


def _range(*args):
    r = range(*args)
    if len(r) > MAX_ITEMS:
        raise ScriptRefused(f"range 过大（超过 {MAX_ITEMS} 项）")
    return r


def _sum(iterable, start=0):
    if not isinstance(start, (int, float, Decimal)):
        raise ScriptRefused("sum 只能对数字求和")
    return sum(iterable, start)


SAFE_BUILTINS = {f.__name__: f for f in (
    len, min, max, sorted, int, float, str, bool, dict, list, set, tuple, abs, round, any, all, enumerate, zip,
    isinstance, reversed, frozenset, divmod)}
SAFE_BUILTINS.update({"range": _range, "sum": _sum, "Decimal": Decimal, "date": date, "datetime": datetime,
                      "True": True, "False": False, "None": None,
                      "ValueError": ValueError, "KeyError": KeyError, "TypeError": TypeError,
                      "_getattr_": _getattr, "_getitem_": _getitem, "_getiter_": iter, "_write_": full_write_guard,
                      "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
                      "_unpack_sequence_": guarded_unpack_sequence, "_inplacevar_": _inplacevar,
                      "_add_": _add, "_mul_": _mul, "_apply_": lambda f, *a, **k: f(*a, **k), "_pow_": _pow, "_lshift_": _lshift, "_mod_": _mod})


def _builtins_for(scope: dict) -> dict:
    """`locals()` (existing BPMN writes locals().update(f(...))) is the task data scope and nothing more."""
    return {**SAFE_BUILTINS, "locals": lambda: scope}


def run(code, scope: dict, runner):
    """Run code (exec or eval) in scope with the step and time limits; scope gets the safe builtins."""
    scope["__builtins__"] = _builtins_for(scope)
    steps, deadline, tripped = [0], time.monotonic() + MAX_SECONDS, []

    def local(frame, event, arg):
        if event == "line":
            steps[0] += 1
            if tripped or steps[0] > MAX_STEPS or (steps[0] % 1000 == 0 and time.monotonic() > deadline):
                tripped.append(True)
                raise _Stop
        return local

    def tracer(frame, event, arg):   # only the script's own frames (module, lambdas, comprehensions) count
        return local if frame.f_globals is scope else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = runner(code, scope)
    except _Stop:
        tripped.append(True)
    except Exception:
        if not tripped:
            raise
    finally:
        sys.settrace(previous)
    if tripped:
        raise ScriptRefused(f"脚本运行超出限制（{MAX_STEPS} 步或 {MAX_SECONDS:g} 秒），已停止，可能是死循环")
    return result


class SandboxEnvironment(TaskDataEnvironment):
    """Spiff's task-data environment with compile and exec going through the sandbox."""

    def evaluate(self, expression, context, external_context=None):
        scope = {**self.globals, **(external_context or {}), **context}
        return run(compile_checked(expression, "eval"), scope, eval)

    def execute(self, script, context, external_context=None):
        code = compile_checked(script, "exec")
        self.check_for_overwrite(context, external_context or {})
        context.update(self.globals)
        context.update(external_context or {})
        try:
            run(code, context, exec)
        finally:
            self._remove_globals_and_functions_from_context(context, external_context)
        return True
