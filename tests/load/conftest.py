"""The load tests: simulated participants (no browser) against a real `social-playbook serve`."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "load: simulated participants against a real server (tests/bench/load.py)")
