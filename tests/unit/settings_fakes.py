"""What resolve_settings reads besides its options, faked for the settings tests: the smallest
options that pass (an endpoint) and an opener serving credentials files from a dict."""
import io

ENDPOINT = {"endpoint": "https://s3.example"}


def opener_for(files):
    """An `open` that serves `files` ({path: text}) and raises FileNotFoundError for any other path."""
    def opener(path, encoding=None):
        if path not in files:
            raise FileNotFoundError(2, "No such file or directory")
        return io.StringIO(files[path])
    return opener
