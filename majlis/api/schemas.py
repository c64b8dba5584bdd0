from datetime import datetime
from typing import Dict, List, Literal, Optional

from ninja import Field, Schema

ErrorCode = Literal[
    "validation_error", "not_found", "comments_closed", "refused", "already_decided",
    "rate_limited", "unauthorized", "forbidden",
]


class ErrorDetail(Schema):
    code: ErrorCode = Field(description="Stable, machine-readable code.")
    message: str = Field(description="A message a person understands.")
    fields: Dict[str, List[str]] = Field(default_factory=dict, description="Per-field messages (validation_error).")


class ErrorOut(Schema):
    error: ErrorDetail


class ArticleOut(Schema):
    slug: str
    headline: str
    url: str
    language: str
    comments_open: bool


class CommentOut(Schema):
    id: int
    author_name: str
    text: str = Field(description="Exactly as submitted; empty when removed.")
    submitted_at: datetime
    removed: bool = Field(description="Removed at the author's request (data erasure): show a placeholder.")


class ThreadOut(Schema):
    article: Optional[ArticleOut] = Field(description="Null for a URL with no comments yet (created on first comment).")
    comments_open: bool
    count: int = Field(description="Approved comments on the article, all pages.")
    max_length: int = Field(description="Longest comment accepted, in characters.")
    comments: List[CommentOut]
    next_cursor: Optional[str] = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class CountsOut(Schema):
    urls: Dict[str, int] = Field(description="Approved comments per requested URL (as sent).")
    articles: Dict[str, int] = Field(description="Approved comments per requested article slug.")


class SubmitIn(Schema):
    article: Optional[str] = Field(None, description="Article slug; or give url.")
    url: Optional[str] = Field(None, description="The article's canonical URL; created on first use for allow-listed sites.")
    title: str = Field("", description="Page title, used as the headline when the article is created.")
    language: str = Field("", description="Page language (e.g. 'ar'), used when the article is created.")
    name: str = ""
    email: str = ""
    text: str = ""
    website: str = Field("", description="Honeypot: leave empty.")
    ip_address: Optional[str] = Field(
        None, description="The reader's IP address, for server-side integrations with a submit key (rate limits)."
    )


class SubmitOut(Schema):
    status: Literal["pending"]
    message: str
    duplicate: bool = Field(description="The same comment was already received recently; nothing new was stored.")


class CommenterOut(Schema):
    id: int
    status: Literal["normal", "trusted", "banned"]


class QueueItemOut(Schema):
    id: int
    article: ArticleOut
    author_name: str
    author_email: str
    commenter: Optional[CommenterOut]
    text: str
    submitted_at: datetime
    priority: int
    risk: Optional[float]
    screening_language: str
    screening_scores: Dict[str, float]


class QueueOut(Schema):
    comments: List[QueueItemOut]
    next_cursor: Optional[str]


class DecisionOut(Schema):
    id: int
    status: Literal["pending", "approved", "rejected"]
    reasons: List[str]
    note: str
    decided_at: Optional[datetime]


class RejectIn(Schema):
    reasons: List[str] = Field(description="Guideline codes; 'other' needs a note.")
    note: str = ""


class CommenterStatusIn(Schema):
    status: Literal["normal", "trusted", "banned"]
    note: str = ""
