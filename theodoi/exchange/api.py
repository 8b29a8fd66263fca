from ninja import Router

router = Router(tags=["Trao đổi dữ liệu"])
