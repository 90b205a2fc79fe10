# ---------------------------------------------------------------- deputies, groups, delegations, import, composition


# ---------------------------------------------------------------- liaison stations, reception days, activities
