"""Password rules, every message in Chinese: Django's validators, whose messages its zh-hans
translation leaves partly in English (the minimum length), with our own wording."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_rules


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少 {self.min_length} 个字符。"


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return "密码与您的%(verbose_name)s太相似。"

    def get_help_text(self) -> str:
        return "密码不能与用户名、姓名或邮箱相似。"


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "这个密码太常见，容易被猜中。"

    def get_help_text(self) -> str:
        return "密码不能是常见密码。"


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "密码不能全是数字。"

    def get_help_text(self) -> str:
        return "密码不能全是数字。"
