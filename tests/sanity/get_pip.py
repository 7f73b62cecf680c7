"""Offline stand-in for the pip bootstrap script ansible-test downloads.

ansible-test seeds each sanity virtual environment by running
~/.ansible/test/cache/get_pip_<version>.py with pip-install arguments. The
host it downloads that script from is unreachable here, so this copy puts pip
in place with ensurepip and then installs the requested pins from the
configured package index.
"""

import subprocess
import sys

# ensurepip has no setuptools/wheel switches; those two flags are get-pip's own.
GET_PIP_ONLY_FLAGS = {"--no-setuptools", "--no-wheel"}


def main():
    # ensurepip must run in a child process: in-process it sets
    # PIP_CONFIG_FILE=/dev/null, and the next pip would ignore the machine's
    # index and certificate settings.
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"], stdout=subprocess.DEVNULL)
    pip_args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_FLAGS]
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + pip_args)


if __name__ == "__main__":
    main()
