from allauth.account.forms import RequestLoginCodeForm as BaseRequestLoginCodeForm


class RequestLoginCodeForm(BaseRequestLoginCodeForm):
    pass
