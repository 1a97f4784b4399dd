"""``python -m newsevents.scale`` (and spark-submit of this file): the ``spark`` command.

spark-submit needs a Python file to run as the driver: this is it (see docs/scale.md).
"""

from newsevents.scale.commands import spark

if __name__ == "__main__":
    spark(prog_name="newsevents spark")
