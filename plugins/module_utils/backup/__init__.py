# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Data protection: backup vaults, backup policies, recovery ranges and restores, one class each."""
