from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import STAFF_ROLES, OrganisationKind, PanelSeat, Role


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: staff of any role, or a forum member.

    `is_staff` keeps Django's meaning (may reach the Django admin) and is only set for
    superusers; product staff are people with at least one staff role assignment.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or f"Person {self.pk}"

    def active_roles(self) -> set[str]:
        cached = getattr(self, "_active_roles", None)
        if cached is None:
            cached = set(self.role_assignments.current().values_list("role", flat=True))
            self._active_roles = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.active_roles() & set(roles))

    @property
    def is_product_staff(self) -> bool:
        return bool(self.active_roles() & STAFF_ROLES) or self.is_superuser

    @property
    def is_member(self) -> bool:
        return Role.MEMBER in self.active_roles()


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def current(self) -> "RoleAssignmentQuerySet":
        return self.filter(ended_at__isnull=True)


class RoleAssignment(models.Model):
    """One role held by one person; a facilitator's assignment names its forums."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    forums = models.ManyToManyField("forums.Forum", blank=True, related_name="role_assignments")
    panel_seat = models.CharField(max_length=30, choices=PanelSeat.choices, blank=True)
    assigned_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(ended_at__isnull=True),
                name="one_current_assignment_per_role",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.VETTING_PANEL) | Q(panel_seat=""),
                name="panel_seat_only_for_vetting_panel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.user_id})"
