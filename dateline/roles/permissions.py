"""The permissions of each newsroom role, as ``app_label.codename`` strings (used by the data migrations).

The newsroom's roles (``dateline/newsroom/roles.py``) build on these lists: its Moderators
role is ``READER_MODERATION``.
"""

#: What moderating readers takes: open the admin, and see and act on the comment, error-report
#: and rating queues (approve/reject/spam comments, mark reports fixed or dismissed, delete votes).
READER_MODERATION = [
    "wagtailadmin.access_admin",
    "comments.view_readercomment",
    "comments.change_readercomment",
    "comments.delete_readercomment",
    "errorreports.view_errorreport",
    "errorreports.change_errorreport",
    "errorreports.delete_errorreport",
    "ratings.view_articlerating",
    "ratings.view_vote",
    "ratings.delete_vote",
]

#: The group that moderates readers and does nothing else in the admin.
READER_MODERATORS_GROUP = "Reader moderators"
#: Wagtail's own moderators group (made by Wagtail's initial data): it gets the reader queues too.
WAGTAIL_MODERATORS_GROUP = "Moderators"
