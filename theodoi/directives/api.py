from ninja import Router

router = Router(tags=["Văn bản chỉ đạo"])
