# Pick the stage's overrides on top of the shared settings.
from .common import *

if STAGE == Stage.LAUNCH:
    from .launch import *
elif STAGE == Stage.WORKSTATION:
    from .workstation import *
