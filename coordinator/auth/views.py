"""Login, logout, password and preferences."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from coordinator.auth.forms import ChangePasswordForm, LoginForm, PreferencesForm
from coordinator.auth.models import User
from coordinator.auth.operations import authenticate, set_password
from coordinator.auth.passwords import verify_password
from coordinator.core.http import client_address, safe_next_url
from coordinator.extensions import db, login_manager

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def login():
    form = LoginForm()
    if form.validate_on_submit():
        result = authenticate(form.email.data, form.password.data, client_address())
        db.session.commit()
        if result.locked_out:
            flash(_("Too many failed attempts. Wait a few minutes and try again."), "error")
        elif result.user is None:
            flash(_("The e-mail or the password is not right."), "error")
        else:
            session.clear()
            login_user(result.user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")))
        return render_template("auth/login.html", form=form), 401 if not result.locked_out else 429
    return render_template("auth/login.html", form=form)


def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@login_required
def account():
    password_form = ChangePasswordForm(prefix="pw")
    prefs_form = PreferencesForm(prefix="prefs", obj=current_user)
    return render_template("auth/account.html", password_form=password_form, prefs_form=prefs_form)


@login_required
def change_password():
    password_form = ChangePasswordForm(prefix="pw")
    prefs_form = PreferencesForm(prefix="prefs", obj=current_user)
    if password_form.validate_on_submit():
        if verify_password(current_user.password_hash, password_form.current_password.data):
            set_password(current_user, password_form.new_password.data)
            db.session.commit()
            flash(_("Your password is changed."), "success")
            return redirect(url_for("auth.account"))
        password_form.current_password.errors.append(_("This is not your current password."))
    return render_template("auth/account.html", password_form=password_form, prefs_form=prefs_form), 400


@login_required
def save_preferences():
    password_form = ChangePasswordForm(prefix="pw")
    prefs_form = PreferencesForm(prefix="prefs")
    if prefs_form.validate_on_submit():
        current_user.name = (prefs_form.name.data or "").strip()
        current_user.locale = prefs_form.locale.data or None
        current_user.timezone = (prefs_form.timezone.data or "").strip() or None
        db.session.commit()
        flash(_("Your preferences are saved."), "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", password_form=password_form, prefs_form=prefs_form), 400


bp.add_url_rule("/login", "login", login, methods=["GET", "POST"])
bp.add_url_rule("/logout", "logout", logout, methods=["POST"])
bp.add_url_rule("/account", "account", account)
bp.add_url_rule("/account/password", "change_password", change_password, methods=["POST"])
bp.add_url_rule("/account/preferences", "save_preferences", save_preferences, methods=["POST"])
